"""Retries, back-off and switching a failing subscription off, on a fake clock and a fake sender."""

from datetime import datetime, timedelta

import httpx
import pytest
from sqlmodel import col, select

from app.clients.models import Scope
from app.core.db import session_factory
from app.core.time import utcnow
from app.webhooks import delivery
from app.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from app.webhooks.schemas import WebhookPublic

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "leader_level": "county_leader",
         "leader_name": "张县长", "outcome": "达成初步合作意向"}


class Clock:
    def __init__(self) -> None:
        self.now = utcnow().replace(microsecond=0) + timedelta(seconds=1)  # the delivery was written just now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def owed(client, db, token_for, make_api_client, unit, make_enterprise, monkeypatch):
    """A subscription to a receiver that does not exist, and one delivery it is owed (the immediate job's own
    attempt is skipped: the tests drive every attempt themselves)."""
    monkeypatch.setattr("app.webhooks.jobs.deliver_webhooks", lambda: 0)
    _, _, headers = make_api_client([Scope.feed_read], unit("371502").id)
    sub = client.post("/api/v1/webhooks", headers=headers, json={"url": "http://127.0.0.1:9/none", "kinds": ["visit"]})
    client.post(
        "/api/v1/visits", headers=token_for("dcf_editor"), json={**VISIT, "enterprise_id": make_enterprise().id}
    )
    row = db.exec(select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == sub.json()["id"])).one()
    return sub.json()["id"], row.id


def _run(connection, clock, send) -> int:
    return delivery.deliver_due(session_factory(connection), clock=clock, send=send)


def test_backoff_doubles_from_30_seconds_up_to_6_hours():
    assert [delivery.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert delivery.backoff(30) == timedelta(hours=6)


def test_a_failing_delivery_is_retried_with_backoff_then_failed(connection, db, owed):
    sub_id, delivery_id = owed
    clock, calls = Clock(), []

    def refuse(item, headers):
        calls.append((clock.now, headers["webhook-id"]))
        raise httpx.ConnectError("connection refused")

    assert _run(connection, clock, refuse) == 1
    for attempt in range(2, delivery.MAX_ATTEMPTS + 1):
        clock.now += delivery.backoff(attempt - 1) - timedelta(seconds=1)
        assert _run(connection, clock, refuse) == 0  # not yet due
        clock.now += timedelta(seconds=1)
        assert _run(connection, clock, refuse) == 1
    row = db.get(WebhookDelivery, delivery_id)
    db.refresh(row)
    assert (row.status, row.attempts) == (DeliveryStatus.failed, delivery.MAX_ATTEMPTS)
    assert "ConnectError" in row.last_error
    assert len({msg for _, msg in calls}) == 1  # the same webhook-id every time
    clock.now += timedelta(days=2)
    assert _run(connection, clock, refuse) == 0  # a failed delivery waits for a replay
    sub = db.get(WebhookSubscription, sub_id)
    db.refresh(sub)
    assert sub.active and sub.consecutive_failures == delivery.MAX_ATTEMPTS


def test_a_success_resets_the_failure_count(connection, db, owed):
    sub_id, delivery_id = owed
    clock = Clock()
    assert _run(connection, clock, lambda item, headers: 500) == 1
    row = db.get(WebhookDelivery, delivery_id)
    db.refresh(row)
    assert (row.status, row.last_status_code, row.last_error) == (DeliveryStatus.pending, 500, "接收方返回 HTTP 500")
    assert row.next_attempt_at == clock.now + timedelta(seconds=30)
    clock.now += timedelta(seconds=30)
    assert _run(connection, clock, lambda item, headers: 200) == 1
    db.refresh(row)
    sub = db.get(WebhookSubscription, sub_id)
    db.refresh(sub)
    assert (row.status, row.delivered_at, sub.consecutive_failures) == (DeliveryStatus.delivered, clock.now, 0)


def test_repeated_failure_switches_the_subscription_off_and_says_so(connection, db, owed):
    sub_id, delivery_id = owed
    sub = db.get(WebhookSubscription, sub_id)
    sub.consecutive_failures = delivery.DISABLE_AFTER - 1  # failures of earlier deliveries
    db.add(sub)
    db.commit()
    clock = Clock()
    assert _run(connection, clock, lambda item, headers: 410) == 1
    db.refresh(sub)
    public = WebhookPublic.model_validate(sub)
    assert public.active is False and public.disabled_at == clock.now
    assert public.disabled_reason.startswith(f"连续 {delivery.DISABLE_AFTER} 次投递失败")
    clock.now += timedelta(days=1)
    assert _run(connection, clock, lambda item, headers: 200) == 0  # nothing is sent to a disabled subscription


def test_a_worker_that_died_after_claiming_leaves_the_delivery_due_after_the_lease(connection, db, owed):
    _, delivery_id = owed
    clock = Clock()
    with session_factory(connection)() as s:
        assert [item.delivery_id for item in delivery.claim_due(s, clock())] == [delivery_id]
        s.commit()  # claimed; then the worker dies before sending
    assert _run(connection, clock, lambda item, headers: 200) == 0  # leased to the dead worker
    clock.now += delivery.lease()
    assert _run(connection, clock, lambda item, headers: 200) == 1
