"""Rollups of the metric rows: what the dashboards sum instead of scanning the records.

One row per (metric, city variant, unit, day, status, region) holds the sum of the metric's raw values,
and one per month the same sums by month, so a year's figures read a few thousand rollup rows instead of
a million visits. The rows are derived
data: `progress/rollup.py` builds them from the metric registry and keeps them current on every write.
"""

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.core.types import RawSum, UTCDateTime


class ProgressRollup(SQLModel, table=True):
    __tablename__ = "progress_rollup"
    __table_args__ = (
        Index("ix_progress_rollup_slice_day", "metric", "city", "day",
              postgresql_include=["unit_id", "month", "status", "region", "raw"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    city: bool
    unit_id: int | None = None
    day: date
    month: str = Field(max_length=7, description="YYYY-MM of day, so monthly trends group without a function")
    status: str = Field(max_length=12)
    region: str | None = Field(default=None, max_length=20)
    raw: int = Field(sa_type=RawSum)
    n: int = Field(default=0, description="rows counted: a drill-down's count, read without recounting records")


class ProgressRollupMonth(SQLModel, table=True):
    """The same sums by month: whole months of a window are read from here (a year is a few thousand rows),
    only the days of a partial first or last month from `progress_rollup`."""

    __tablename__ = "progress_rollup_month"
    __table_args__ = (
        Index("ix_progress_rollup_month_slice", "metric", "city", "month",
              postgresql_include=["unit_id", "status", "region", "raw"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    city: bool
    unit_id: int | None = None
    month: str = Field(max_length=7, description="YYYY-MM; compares in calendar order")
    status: str = Field(max_length=12)
    region: str | None = Field(default=None, max_length=20)
    raw: int = Field(sa_type=RawSum)
    n: int = Field(default=0, description="rows counted: a drill-down's count, read without recounting records")


class ProgressRollupState(SQLModel, table=True):
    """Which rollup slices are built, and from which SQL: a slice is used only while its fingerprint
    (the metric's statement under the current rules) is unchanged."""

    __tablename__ = "progress_rollup_state"

    metric: str = Field(primary_key=True, max_length=40)
    city: bool = Field(primary_key=True)
    fingerprint: str = Field(max_length=64)
    built_at: datetime = Field(sa_type=UTCDateTime)
