"""The change feed: one row per change of a record, written in the transaction of the change."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Index
from sqlmodel import Field, SQLModel

from app.core.models import created_at_field


class RecordKind(StrEnum):
    """The record types the feed reports, by table name."""

    enterprise = "enterprise"
    lead = "lead"
    visit = "visit"
    event = "event"
    project = "project"
    funds_report = "funds_report"


class FeedChange(SQLModel, table=True):
    """`xid` is the writing transaction's id on PostgreSQL (0 on SQLite, whose writers are serialised): the
    reader returns a row only once every transaction that could still add a smaller (xid, id) has ended."""

    __tablename__ = "feed_change"
    __table_args__ = (Index("ix_feed_change_xid_id", "xid", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    xid: int = Field(default=0, sa_type=BigInteger)
    at: datetime = created_at_field()
    kind: str = Field(max_length=20)
    record_id: int
    action: str = Field(max_length=30, description="create / update / submit / verify / merge / delete_draft …")
    unit_id: int | None = Field(default=None, description="the owner unit then (a tombstone's visibility)")
    version: int | None = None
