"""A coordination item (协调事项) and the responsible unit's replies. Both are `Audited`: every step is history."""

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime


class CoordinationCategory(StrEnum):
    land = "land"  # 土地
    planning = "planning"  # 规划审批
    environment = "environment"  # 环评能评
    funding = "funding"  # 资金
    utilities = "utilities"  # 水电气
    other = "other"  # 其他


class CoordinationStatus(StrEnum):
    raised = "raised"  # 已提出: waiting for the office to assign it
    assigned = "assigned"  # 已交办: waiting for the responsible unit's answer
    answered = "answered"  # 已答复
    escalated = "escalated"  # 已提交领导小组季度会议
    closed = "closed"  # 已办结


class CoordinationProgress(StrEnum):
    in_progress = "in_progress"  # 办理中
    done = "done"  # 已办结（待办公室确认）


class CoordinationItem(Audited, SQLModel, table=True):
    __tablename__ = "coordination_item"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    raised_by_unit_id: int = Field(foreign_key="unit.id", index=True)
    raised_by: str = Field(default="", max_length=100)
    category: str = Field(max_length=20)
    description: str = Field(max_length=2000)
    ask: str = Field(max_length=2000)
    status: str = Field(default=CoordinationStatus.raised, max_length=12, index=True)
    assignee_unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    due_date: date | None = Field(default=None, index=True)
    progress: str | None = Field(default=None, max_length=12, description="the latest reply's progress")
    escalated_year: int | None = Field(default=None)
    escalated_quarter: int | None = Field(default=None)
    escalation_reason: str | None = Field(default=None, max_length=2000)
    close_note: str | None = Field(default=None, max_length=2000)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow})

    @property
    def unit_id(self) -> int:
        """The unit the audit history files the item's rows under: the one that raised it."""
        return self.raised_by_unit_id


class CoordinationReply(Audited, SQLModel, table=True):
    """An answer of the responsible unit: what was done, and whether it is done."""

    __tablename__ = "coordination_reply"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="coordination_item.id", index=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id")
    author: str = Field(default="", max_length=100)
    text: str = Field(max_length=4000)
    progress: str = Field(max_length=12)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
