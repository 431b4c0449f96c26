"""Rollups of the metric rows: what the dashboards sum instead of scanning the records.

A *slice* is one metric's rows (unit or city variant) under one set of counting rules, identified by the
fingerprint of its SQL. Its rows hold the raw sums per grain — (day, unit, status, region), and the same
by month — so a year's figures read a few thousand rows instead of a million visits. `progress/rollup.py`
builds and reads them; `progress/upkeep.py` adds every write's delta.

A grain is a unique key, so a delta is an upsert onto exactly one row and a grain can never be counted
twice. The key columns are NOT NULL (no unit: 0, no region: '') because NULLs never collide in a unique
key. `n` counts the metric rows summed in, so a row whose records are all gone is deleted, not left at zero.

Slices of new rules are built in the background, month by month (`built_until`), while the slices of the
rules in force (`progress_rollup_serving`) are still read; then the serving rules switch in one commit.
"""

from datetime import date, datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.types import RawSum, UTCDateTime


class ProgressRollupSlice(SQLModel, table=True):
    __tablename__ = "progress_rollup_slice"
    __table_args__ = (UniqueConstraint("metric", "city", "fingerprint", name="uq_progress_rollup_slice"),)

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    city: bool
    fingerprint: str = Field(max_length=64, description="sha256 of the metric's SQL under `rules`")
    rules: str = Field(sa_type=Text, description="the counting rules (JSON) the slice counts by")
    built_until: date | None = Field(default=None, description="rows are complete up to this day; NULL: not begun")
    built_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ProgressRollupServing(SQLModel, table=True):
    """The counting rules whose slices the dashboards read (one row): the newest rules once their slices are
    complete, the previous ones meanwhile."""

    __tablename__ = "progress_rollup_serving"

    id: int = Field(default=1, primary_key=True)
    rules: str = Field(sa_type=Text)
    switched_at: datetime = Field(sa_type=UTCDateTime)


class ProgressRollup(SQLModel, table=True):
    __tablename__ = "progress_rollup"
    __table_args__ = (
        Index("ux_progress_rollup_grain", "slice_id", "day", "unit_id", "status", "region", unique=True,
              postgresql_include=["month", "raw"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    slice_id: int = Field(foreign_key="progress_rollup_slice.id", ondelete="CASCADE")
    unit_id: int = Field(default=0, description="0: no unit (a city row of a project without landing unit)")
    day: date
    month: str = Field(max_length=7, description="YYYY-MM of day, so monthly trends group without a function")
    status: str = Field(max_length=12)
    region: str = Field(default="", max_length=20)
    raw: int = Field(sa_type=RawSum)
    n: int = Field(default=0, description="metric rows summed into this one")


class ProgressRollupMonth(SQLModel, table=True):
    """The same sums by month: whole months of a window are read from here (a year is a few thousand rows),
    only the days of a partial first or last month from `progress_rollup`."""

    __tablename__ = "progress_rollup_month"
    __table_args__ = (
        Index("ux_progress_rollup_month_grain", "slice_id", "month", "unit_id", "status", "region", unique=True,
              postgresql_include=["raw"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    slice_id: int = Field(foreign_key="progress_rollup_slice.id", ondelete="CASCADE")
    unit_id: int = 0
    month: str = Field(max_length=7, description="YYYY-MM; compares in calendar order")
    status: str = Field(max_length=12)
    region: str = Field(default="", max_length=20)
    raw: int = Field(sa_type=RawSum)
    n: int = Field(default=0, description="metric rows summed into this one")
