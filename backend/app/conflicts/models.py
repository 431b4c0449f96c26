"""The office's decisions on suspected double claims and duplicates, keyed by what was detected."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.types import UTCDateTime


class ConflictDecision(Audited, SQLModel, table=True):
    __tablename__ = "conflict_decision"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True, description="kind + sorted record ids; stable across runs")
    kind: str = Field(max_length=40)
    decision: str = Field(max_length=30, description="not_a_conflict / keep_first / keep_second / merged")
    reason: str = Field(max_length=1000)
    decided_by: str = Field(max_length=100)
    decided_at: datetime = Field(sa_type=UTCDateTime)
