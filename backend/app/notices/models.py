"""A user's notices and which kinds they muted on which channel.

Notices are not record history (the audit chain has that): reading one is no event, so they are not Audited."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.time import utcnow
from app.core.types import UTCDateTime


class NoticeKind(StrEnum):
    record_returned = "record_returned"
    record_verified = "record_verified"
    record_reopened = "record_reopened"
    conflict_raised = "conflict_raised"
    enterprise_merged = "enterprise_merged"
    funds_due = "funds_due"
    quarter_close = "quarter_close"
    target_behind = "target_behind"
    coordination_raised = "coordination_raised"
    coordination_assigned = "coordination_assigned"
    coordination_answered = "coordination_answered"
    coordination_due = "coordination_due"
    coordination_escalated = "coordination_escalated"
    coordination_closed = "coordination_closed"


class Channel(StrEnum):
    inbox = "inbox"
    email = "email"


class Notice(SQLModel, table=True):
    __tablename__ = "notice"
    __table_args__ = (
        # a reminder's key (kind + period): running it twice for the same period adds nothing
        UniqueConstraint("user_id", "dedupe_key", name="uq_notice_user_key"),
        Index("ix_notice_user_id_id", "user_id", "in_inbox", "id"),
        Index("ix_notice_user_unread", "user_id", "in_inbox", "read_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE")
    kind: str = Field(max_length=30)
    title: str = Field(max_length=300)
    body: str = Field(default="", max_length=2000)
    record_type: str | None = Field(default=None, max_length=20, description="the record it is about, if one")
    record_id: int | None = Field(default=None)
    dedupe_key: str | None = Field(default=None, max_length=200)
    in_inbox: bool = Field(default=True, description="false: muted in the inbox, kept only to be e-mailed")
    email_pending: bool = Field(default=False, description="to be e-mailed by the job after commit")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class NoticeMute(SQLModel, table=True):
    """A kind of notice the user does not want on a channel."""

    __tablename__ = "notice_mute"

    user_id: int = Field(foreign_key="app_user.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(max_length=30, primary_key=True)
    channel: str = Field(max_length=10, primary_key=True)
