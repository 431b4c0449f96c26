"""Targets as data: a target set per plan period, each target naming a metric, who it binds and a threshold.

Counting rules that the plan leaves open live in `RuleVersion`: every change makes a new version, and a
frozen quarter keeps the version it was computed with.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, Numeric, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime


class AppliesTo(StrEnum):
    city = "city"  # one figure for the whole city
    unit_type = "unit_type"  # every unit of a type, each on its own figure
    unit_type_total = "unit_type_total"  # all units of a type together, one figure
    unit = "unit"  # one unit (e.g. an adjusted threshold)


class Period(StrEnum):
    year = "year"
    quarter = "quarter"
    plan = "plan"  # cumulative over the whole plan period


class TargetSet(Audited, SQLModel, table=True):
    __tablename__ = "target_set"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    start_date: date
    end_date: date
    active: bool = Field(default=True)


class Target(Audited, SQLModel, table=True):
    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("target_set_id", "code", "applies_to", "unit_type", "unit_id",
                                       name="uq_target_scope"),)

    id: int | None = Field(default=None, primary_key=True)
    target_set_id: int = Field(foreign_key="target_set.id", index=True)
    code: str = Field(max_length=20, description="row of the plan, e.g. T03")
    metric: str = Field(max_length=50)
    applies_to: str = Field(max_length=20)
    unit_type: str | None = Field(default=None, max_length=20)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    threshold: Decimal = Field(sa_type=Numeric(16, 2))
    period: str = Field(max_length=10)
    title_zh: str = Field(max_length=200)
    title_en: str = Field(default="", max_length=300)
    note: str = Field(default="", max_length=1000)
    # units of the target's type it does not bind (the plan's "其他市直部门": not the departments that lead a group)
    exempt_unit_ids: list[int] = Field(default_factory=list, sa_type=JSON, sa_column_kwargs={"server_default": "[]"})


class RuleVersion(SQLModel, table=True):
    """One immutable version of the counting rules (JSON); the newest is in force."""

    __tablename__ = "rule_version"

    id: int | None = Field(default=None, primary_key=True)
    settings: str = Field(sa_type=Text)
    reason: str = Field(max_length=1000)
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
