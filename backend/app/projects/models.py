"""Projects (项目): what the courting produces, with stage dates, landing unit and credit shares."""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core import indexes
from app.core.models import Audited
from app.core.types import Money, Percent
from app.records.models import VerifiedRecord


class Stage(StrEnum):
    negotiating = "negotiating"  # 在谈
    signed = "signed"  # 签约
    started = "started"  # 开工
    in_production = "in_production"  # 投产
    dropped = "dropped"  # 终止


STAGE_ORDER = [Stage.negotiating, Stage.signed, Stage.started, Stage.in_production]


class FourNew(StrEnum):
    new_technology = "new_technology"  # 新技术
    new_industry = "new_industry"  # 新产业
    new_business_format = "new_business_format"  # 新业态
    new_model = "new_model"  # 新模式


class AdvancedClass(StrEnum):
    new_generation_it = "new_generation_it"  # 新一代信息技术
    high_end_equipment = "high_end_equipment"  # 高端装备
    new_energy_materials = "new_energy_materials"  # 新能源新材料
    medical_health = "medical_health"  # 医养健康
    other_advanced = "other_advanced"  # 其他先进制造业 / 战略性新兴产业


class Project(VerifiedRecord, table=True):
    __tablename__ = "project"
    __table_args__ = indexes.record("project", ("unit_id", "created_at"), ("landing_unit_id", "created_at"),
                                    ("total_investment",), verified=True, search=("name",))

    name: str = Field(max_length=200)
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id", index=True)
    four_new: str | None = Field(default=None, max_length=30)
    advanced_class: str | None = Field(default=None, max_length=30, index=True)
    total_investment: Decimal = Field(sa_type=Money)
    outside_province_investment: Decimal | None = Field(default=None, sa_type=Money)
    foreign_investment: Decimal | None = Field(default=None, sa_type=Money)
    stage: str = Field(default=Stage.negotiating, max_length=20, index=True)
    negotiating_on: date | None = Field(default=None)
    signed_on: date | None = Field(default=None, index=True)
    started_on: date | None = Field(default=None)
    in_production_on: date | None = Field(default=None)
    dropped_on: date | None = Field(default=None)
    drop_reason: str | None = Field(default=None, max_length=1000)
    landing_unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    lead_id: int | None = Field(default=None, foreign_key="lead.id", index=True)
    signed_event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    # The office may let reported funds pass the total investment (e.g. the investment grew before the
    # project record was updated); without this, a report that would pass it is refused.
    funds_override_reason: str | None = Field(default=None, max_length=1000)
    funds_override_by: str | None = Field(default=None, max_length=100)


class ProjectEnterprise(Audited, SQLModel, table=True):
    __tablename__ = "project_enterprise"

    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")
    enterprise_id: int = Field(foreign_key="enterprise.id", primary_key=True, index=True)


class ProjectCredit(Audited, SQLModel, table=True):
    """The share (percent) of a project credited to a unit that brought it; a project's shares add to 100."""

    __tablename__ = "project_credit"

    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    share: Decimal = Field(sa_type=Percent)
