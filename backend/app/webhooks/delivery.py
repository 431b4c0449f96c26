"""Sending the outbox: Standard Webhooks signatures, at-least-once attempts with exponential back-off, and the
subscription switched off after repeated failure.

A worker claims due deliveries in one short transaction (moving their next attempt a lease ahead, so another
worker leaves them alone), sends them outside any transaction, then records each outcome. A worker killed
after the claim leaves the delivery due again when the lease ends: it is sent again with the same webhook-id.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.clients.models import ApiClient
from app.core.models import pk
from app.core.time import utcnow
from app.feed.models import FeedChange
from app.feed.render import render
from app.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

MAX_ATTEMPTS = 10  # then the delivery is failed (a replay sends it again)
BASE_DELAY = timedelta(seconds=30)  # 30 s, 1 min, 2 min, … doubling
MAX_DELAY = timedelta(hours=6)
DISABLE_AFTER = 20  # failed attempts in a row, across the subscription's deliveries, switch it off
TIMEOUT = 10.0  # seconds for one attempt
BATCH = 20


def lease() -> timedelta:
    """How long a claimed delivery is left to its worker before another may send it (ZS_WEBHOOK_LEASE_SECONDS)."""
    return timedelta(seconds=int(os.environ.get("ZS_WEBHOOK_LEASE_SECONDS", "120")))


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def message_id(delivery_id: int) -> str:
    return f"msg_{delivery_id}"


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed by the secret's base64 part (Standard Webhooks)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    delay: timedelta = BASE_DELAY * 2 ** (attempts - 1)
    return min(delay, MAX_DELAY)


@dataclass(frozen=True)
class Outgoing:
    delivery_id: int
    url: str
    secret: str
    body: bytes


def _payload(session: Session, change: FeedChange, client: ApiClient) -> str:
    principal = Principal(kind="client", id=client.id, name=client.name, unit_id=client.unit_id,
                          scopes=client.scope_set)
    data = render(session, principal, [change])[0]
    return json.dumps({"type": f"{change.kind}.{change.action}", "timestamp": change.at.isoformat(),
                       "data": data.model_dump(mode="json")}, ensure_ascii=False, separators=(",", ":"))


def claim_due(session: Session, now: datetime, limit: int = BATCH) -> list[Outgoing]:
    """Takes up to `limit` due deliveries of active subscriptions (skipping rows another worker holds), fixes
    each one's body at its first attempt, and leases them. The caller commits before sending."""
    rows = session.exec(
        select(WebhookDelivery, WebhookSubscription, ApiClient)
        .join(WebhookSubscription, col(WebhookSubscription.id) == col(WebhookDelivery.subscription_id))
        .join(ApiClient, col(ApiClient.id) == col(WebhookSubscription.client_id))
        .where(col(WebhookDelivery.status) == DeliveryStatus.pending, col(WebhookDelivery.next_attempt_at) <= now,
               col(WebhookSubscription.active), col(ApiClient.active))
        .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id)).limit(limit)
        .with_for_update(skip_locked=True, of=WebhookDelivery)).all()
    out = []
    for delivery, sub, client in rows:
        if delivery.payload is None:
            change = session.get(FeedChange, delivery.change_id)
            assert change is not None  # a delivery's change row is never deleted
            delivery.payload = _payload(session, change, client)
        delivery.next_attempt_at = now + lease()
        session.add(delivery)
        out.append(Outgoing(pk(delivery), sub.url, sub.secret, delivery.payload.encode()))
    session.flush()
    return out


def headers(item: Outgoing, now: datetime) -> dict[str, str]:
    msg_id, timestamp = message_id(item.delivery_id), int(now.timestamp())
    return {"content-type": "application/json", "user-agent": "zhaoshang-webhooks/1",
            "webhook-id": msg_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(item.secret, msg_id, timestamp, item.body)}


Send = Callable[[Outgoing, dict[str, str]], int]


def send_http(item: Outgoing, sent_headers: dict[str, str]) -> int:
    """One attempt; the status code (redirects are not followed: a receiver answers where it was registered)."""
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as http:
        return http.post(item.url, content=item.body, headers=sent_headers).status_code


def record_outcome(session: Session, delivery_id: int, now: datetime, status_code: int | None,
                   error: str | None) -> WebhookDelivery:
    """A 2xx delivers; anything else is a failed attempt, retried after `backoff` until MAX_ATTEMPTS; DISABLE_AFTER
    failures in a row switch the subscription off, saying why."""
    delivery = session.get(WebhookDelivery, delivery_id, with_for_update=True)
    assert delivery is not None
    sub = session.get(WebhookSubscription, delivery.subscription_id, with_for_update=True)
    assert sub is not None
    delivery.attempts += 1
    delivery.last_attempt_at, delivery.last_status_code = now, status_code
    delivery.last_error = error[:500] if error else None
    if status_code is not None and 200 <= status_code < 300:
        delivery.status, delivery.delivered_at, delivery.last_error = DeliveryStatus.delivered, now, None
        sub.consecutive_failures = 0
    else:
        if error is None:
            delivery.last_error = f"接收方返回 HTTP {status_code}"
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.failed
        delivery.next_attempt_at = now + backoff(delivery.attempts)
        sub.consecutive_failures += 1
        if sub.active and sub.consecutive_failures >= DISABLE_AFTER:
            sub.active, sub.disabled_at = False, now
            sub.disabled_reason = f"连续 {sub.consecutive_failures} 次投递失败，已停用；修复接收地址后请重新启用"
    session.add_all([delivery, sub])
    session.flush()
    return delivery


def attempt(item: Outgoing, now: datetime, send: Send) -> tuple[int | None, str | None]:
    try:
        return send(item, headers(item, now)), None
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]


def deliver_due(open_session: Callable[[], Session], *, clock: Callable[[], datetime] = utcnow,
                send: Send = send_http) -> int:
    """Sends everything due, batch by batch; returns how many attempts were made."""
    made = 0
    while True:
        with open_session() as session:
            batch = claim_due(session, clock())
            session.commit()
        if not batch:
            return made
        for item in batch:
            status_code, error = attempt(item, clock(), send)
            with open_session() as session:
                record_outcome(session, item.delivery_id, clock(), status_code, error)
                session.commit()
            made += 1
