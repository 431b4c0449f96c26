"""Webhook subscriptions of API clients and their outbox: one delivery row per matching feed change, written in
the transaction of the change, sent later by the worker."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.models import Audited, created_at_field
from app.core.types import UTCDateTime


class DeliveryStatus(StrEnum):
    pending = "pending"  # waiting for its (next) attempt
    delivered = "delivered"  # the receiver answered 2xx
    failed = "failed"  # every attempt failed; a replay sends it again


class WebhookSubscription(Audited, SQLModel, table=True):
    __tablename__ = "webhook_subscription"
    __audit_redact__ = frozenset({"secret"})

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="api_client.id", index=True)
    url: str = Field(max_length=500)
    kinds: str = Field(max_length=200, description="space-separated record kinds")
    secret: str = Field(max_length=100, description="whsec_…: the HMAC key, needed to sign, so not hashed")
    active: bool = Field(default=True)
    consecutive_failures: int = Field(default=0)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    disabled_reason: str | None = Field(default=None, max_length=200)
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()


class WebhookDelivery(SQLModel, table=True):
    """Its webhook-id is `msg_<id>`: the same on every retry and replay, so a receiver can drop a repeat."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (Index("ix_webhook_delivery_due", "status", "next_attempt_at"),
                      UniqueConstraint("subscription_id", "change_id"))

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="webhook_subscription.id", index=True)
    change_id: int = Field(foreign_key="feed_change.id")
    status: str = Field(default=DeliveryStatus.pending, max_length=12)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = created_at_field()
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    payload: str | None = Field(default=None, sa_type=Text, description="the body, fixed at the first attempt")
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
