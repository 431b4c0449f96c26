"""Stored answers to POST requests carrying an Idempotency-Key, so a retried request is not done twice."""

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("caller", "key", name="uq_idempotency_caller_key"),)

    id: int | None = Field(default=None, primary_key=True)
    caller: str = Field(max_length=40, description="user:<id> or client:<id>")
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=500)
    body_hash: str = Field(max_length=64)
    status_code: int | None = Field(default=None)
    response_body: str | None = Field(default=None, sa_type=Text)
    response_headers: str | None = Field(default=None, sa_type=Text, description="JSON object, e.g. the ETag")
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
