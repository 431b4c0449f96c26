"""The annual assessment (综合考核): a scoring scheme per year, and vetoes (一票否决) set by the office."""

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime


class ScoringScheme(Audited, SQLModel, table=True):
    __tablename__ = "scoring_scheme"
    __table_args__ = (UniqueConstraint("target_set_id", "year", name="uq_scoring_scheme_year"),)

    id: int | None = Field(default=None, primary_key=True)
    target_set_id: int = Field(foreign_key="target_set.id")
    year: int
    config: str = Field(sa_type=Text, description="JSON: weights per target code, cap, bonus")


class Veto(Audited, SQLModel, table=True):
    __tablename__ = "assessment_veto"
    __table_args__ = (UniqueConstraint("year", "unit_id", name="uq_veto_year_unit"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    unit_id: int = Field(foreign_key="unit.id")
    reason: str = Field(max_length=1000)
    set_by: str = Field(max_length=100)
    set_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # lifted (not deleted): the veto and why it was lifted stay on record
    lifted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lifted_by: str | None = Field(default=None, max_length=100)
    lift_reason: str | None = Field(default=None, max_length=1000)
