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
        Index("ux_progress_rollup_grain", "metric", "city", "day", "unit_id", "status", "region", unique=True,
              postgresql_include=["month", "raw"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    city: bool
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
        Index("ux_progress_rollup_month_grain", "metric", "city", "month", "unit_id", "status", "region",
              unique=True, postgresql_include=["raw"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    city: bool
    unit_id: int = 0
    month: str = Field(max_length=7, description="YYYY-MM; compares in calendar order")
    status: str = Field(max_length=12)
    region: str = Field(default="", max_length=20)
    raw: int = Field(sa_type=RawSum)
    n: int = Field(default=0, description="metric rows summed into this one")


class ProgressRollupState(SQLModel, table=True):
    """Which rollup slices are built, and from which SQL: a slice is used only while its fingerprint
    (the metric's statement under the current rules) is unchanged."""

    __tablename__ = "progress_rollup_state"

    metric: str = Field(primary_key=True, max_length=40)
    city: bool = Field(primary_key=True)
    fingerprint: str = Field(max_length=64)
    built_at: datetime = Field(sa_type=UTCDateTime)
