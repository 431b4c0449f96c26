"""Visits (走访/拜访/考察): a unit's staff meet an enterprise."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core import indexes
from app.records.models import VerifiedRecord


class LeaderLevel(StrEnum):
    city_leader = "city_leader"  # 市级领导
    county_leader = "county_leader"  # 县级领导
    department_head = "department_head"  # 部门负责人
    staff = "staff"  # 工作人员


class Visit(VerifiedRecord, table=True):
    __tablename__ = "visit"
    __table_args__ = indexes.record("visit", ("unit_id", "visit_date"), ("visit_date",), verified=True,
                                    search=("place", "outcome"))

    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    visit_date: date
    place: str = Field(default="", max_length=200)
    region: str = Field(max_length=20, index=True)
    leader_level: str = Field(default=LeaderLevel.staff, max_length=20)
    leader_name: str = Field(default="", max_length=100)
    participants: str = Field(default="", max_length=500)
    outcome: str = Field(default="", max_length=2000)
    next_step: str = Field(default="", max_length=1000)
    lead_id: int | None = Field(default=None, foreign_key="lead.id", index=True)
