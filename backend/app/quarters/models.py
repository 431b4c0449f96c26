"""Frozen quarters: the figures as published, with the rule version used and a content hash."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Numeric, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime


class Snapshot(Audited, SQLModel, table=True):
    __tablename__ = "snapshot"
    __table_args__ = (UniqueConstraint("target_set_id", "year", "quarter", name="uq_snapshot_quarter"),)

    id: int | None = Field(default=None, primary_key=True)
    target_set_id: int = Field(foreign_key="target_set.id")
    year: int
    quarter: int
    rule_version_id: int = Field(foreign_key="rule_version.id")
    content: str = Field(sa_type=Text, description="canonical JSON of every figure")
    content_hash: str = Field(max_length=64)
    frozen_by: str = Field(max_length=100)
    frozen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Adjustment(Audited, SQLModel, table=True):
    """A correction after close: never changes the snapshot, shown beside it once approved."""

    __tablename__ = "snapshot_adjustment"

    id: int | None = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="snapshot.id", index=True)
    target_id: int = Field(foreign_key="target.id")
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    delta: Decimal = Field(sa_type=Numeric(16, 2))
    reason: str = Field(max_length=1000)
    effective_on: datetime = Field(sa_type=UTCDateTime)
    proposed_by: str = Field(max_length=100)
    proposed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    status: str = Field(default="proposed", max_length=10, description="proposed / approved / rejected")
    decided_by: str | None = Field(default=None, max_length=100)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
