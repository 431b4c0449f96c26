from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.schemas import TWO_PLACES, Id, InputModel, Money, OutputModel, RecordDate, Text1000
from app.projects.models import AdvancedClass, FourNew, Stage
from app.records.schemas import EnterpriseRef, ExternalIdIn, ListMeta, VerifiedMeta

Share = Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2), AfterValidator(
    lambda v: v.quantize(TWO_PLACES))]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class CreditIn(InputModel):
    unit_id: Id
    share: Share = Field(description="百分比，如 40 或 33.33；各单位合计须为 100")


class CreditPublic(OutputModel):
    unit_id: int
    share: Decimal


class StageFields(ExternalIdIn):
    stage: Stage | None = None
    negotiating_on: RecordDate | None = None
    signed_on: RecordDate | None = None
    started_on: RecordDate | None = None
    in_production_on: RecordDate | None = None
    dropped_on: RecordDate | None = None
    drop_reason: Text1000 | None = None


class ProjectCreate(StageFields):
    name: Name
    enterprise_ids: Annotated[list[Id], Field(min_length=1, max_length=20)]
    cluster_id: Id | None = None
    four_new: FourNew | None = None
    advanced_class: AdvancedClass | None = None
    total_investment: Money
    outside_province_investment: Money | None = None
    foreign_investment: Money | None = None
    landing_unit_id: Id | None = Field(default=None, description="落地县（市、区）或开发区")
    lead_id: Id | None = None
    signed_event_id: Id | None = None
    credits: Annotated[list[CreditIn], Field(max_length=20)] = Field(
        default=[], description="招引贡献份额；留空为录入单位 100%")
    unit_id: Id | None = None


class ProjectUpdate(StageFields):
    name: Name | None = None
    enterprise_ids: Annotated[list[Id], Field(min_length=1, max_length=20)] | None = None
    cluster_id: Id | None = None
    four_new: FourNew | None = None
    advanced_class: AdvancedClass | None = None
    total_investment: Money | None = None
    outside_province_investment: Money | None = None
    foreign_investment: Money | None = None
    landing_unit_id: Id | None = None
    lead_id: Id | None = None
    signed_event_id: Id | None = None
    credits: Annotated[list[CreditIn], Field(min_length=1, max_length=20)] | None = None


class StageStep(OutputModel):
    stage: Stage
    label: str = Field(description="阶段中文名")
    on: date


class FundsOverride(InputModel):
    reason: Annotated[str, Field(min_length=1, max_length=1000)]


class ProjectPublic(VerifiedMeta):
    name: str
    enterprises: list[EnterpriseRef] = []
    cluster_id: int | None
    four_new: FourNew | None
    advanced_class: AdvancedClass | None
    total_investment: Money
    outside_province_investment: Money | None
    foreign_investment: Money | None
    stage: Stage
    negotiating_on: date | None
    signed_on: date | None
    started_on: date | None
    in_production_on: date | None
    dropped_on: date | None
    drop_reason: str | None
    landing_unit_id: int | None
    lead_id: int | None
    signed_event_id: int | None
    timeline: list[StageStep] = Field(default=[], description="已到达的各阶段及日期，按先后")
    credits: list[CreditPublic] = []
    funds_reported: Money = Field(default=Decimal("0"), description="到位资金累计（除已退回外的全部报送）")
    funds_verified: Money = Field(default=Decimal("0"), description="其中已核实的到位资金")
    funds_override_reason: str | None
    funds_override_by: str | None


class ProjectsPublic(ListMeta):
    data: list[ProjectPublic]
