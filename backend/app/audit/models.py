"""The append-only, hash-chained history of every change."""

from datetime import datetime

from sqlalchemy import Index, SmallInteger, Text
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity", "entity_id"),
        Index("ix_audit_event_actor", "actor_type", "actor_id"),
        Index("ix_audit_event_owner", "owner_entity", "owner_id", "entity"),
        Index("ix_audit_event_stream", "stream", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor_type: str = Field(max_length=10, description="user / client / system")
    actor_id: int | None = Field(default=None)
    actor_name: str = Field(default="", max_length=100)
    unit_id: int | None = Field(default=None, index=True)
    request_id: str | None = Field(default=None, max_length=64)
    client_addr: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=30)
    entity: str = Field(max_length=50)
    entity_id: str = Field(max_length=64)
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)
    # The chain this row continues (audit/service.py): one of STREAMS, so that writers commit side by side;
    # rows from before the streams are all in stream 0. Not hashed: a row moved to another stream breaks both.
    stream: int = Field(default=0, sa_type=SmallInteger, sa_column_kwargs={"server_default": "0"})
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
    # The record a child row belongs to (a project's credit share → that project), so a record's history finds
    # its children's rows by index. Derived from entity and entity_id, which the hash covers; not hashed itself.
    owner_entity: str | None = Field(default=None, max_length=50)
    owner_id: int | None = Field(default=None)
