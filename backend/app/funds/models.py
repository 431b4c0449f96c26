"""Funds in place (到位资金): money that actually arrived for a project, one report per project per month."""

from datetime import date
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from app.core import indexes
from app.core.types import Money
from app.records.models import VerifiedRecord


class FundsReport(VerifiedRecord, table=True):
    __tablename__ = "funds_report"
    __table_args__ = (
        UniqueConstraint("project_id", "period", name="uq_funds_report_project_period"),
        *indexes.record("funds_report", ("unit_id", "period"), ("period",), updated=False, verified=True),
    )

    project_id: int = Field(foreign_key="project.id", index=True)
    period: date = Field(description="first day of the month reported")
    amount: Decimal = Field(sa_type=Money)
    note: str = Field(default="", max_length=1000)
