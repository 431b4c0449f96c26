"""Investment events (招商活动) and the enterprises present at them."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core import indexes
from app.core.models import Audited
from app.records.models import VerifiedRecord


class EventKind(StrEnum):
    concentrated = "concentrated"  # 重点项目集中招商活动 (city, in a region)
    promotion = "promotion"  # 产业专题推介活动 (industry group)
    other = "other"


class Event(VerifiedRecord, table=True):
    __tablename__ = "event"
    __table_args__ = indexes.record("event", ("unit_id", "event_date"), ("event_date",), verified=True)

    kind: str = Field(max_length=20, index=True)
    title: str = Field(max_length=200)
    event_date: date
    region: str = Field(max_length=20, index=True)
    place: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=2000)


class EventEnterprise(Audited, SQLModel, table=True):
    __tablename__ = "event_enterprise"

    event_id: int = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    enterprise_id: int = Field(foreign_key="enterprise.id", primary_key=True, index=True)
