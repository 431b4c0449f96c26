"""Leads (招商线索): a tip that an enterprise may invest, entered by one unit and assigned to another."""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field

from app.core import indexes
from app.core.types import Money
from app.records.models import OwnedRecord


class LeadSource(StrEnum):
    chamber = "chamber"  # 商会
    agency = "agency"  # 中介机构
    native_abroad = "native_abroad"  # 聊城籍在外人员
    backbone_enterprise = "backbone_enterprise"  # 骨干企业
    own_research = "own_research"  # 自主研究
    other = "other"


class LeadState(StrEnum):
    open = "open"
    converted = "converted"  # became a project
    closed = "closed"


class Lead(OwnedRecord, table=True):
    __tablename__ = "lead"
    __table_args__ = indexes.record("lead", ("unit_id", "received_on"), ("assigned_unit_id", "received_on"),
                                    ("received_on",), search=("description", "contact_name"))

    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    assigned_unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    source: str = Field(max_length=30)
    received_on: date
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id")
    intended_industry: str = Field(default="", max_length=100)
    intended_amount: Decimal | None = Field(default=None, sa_type=Money)
    contact_name: str = Field(default="", max_length=50)
    contact_phone: str = Field(default="", max_length=30)
    description: str = Field(default="", max_length=2000)
    state: str = Field(default=LeadState.open, max_length=12, index=True)
