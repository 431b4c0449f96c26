"""The outbox costs a write no statement of its own while no subscription is active (PostgreSQL): the feed's
INSERT returns whether one is, and only then are the subscriptions read."""

import pytest
from sqlalchemy import event

from app.clients.models import Scope

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "outcome": "达成初步合作意向"}


def _statements_of(connection, call) -> list[str]:
    seen: list[str] = []

    def listen(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(connection, "before_cursor_execute", listen)
    try:
        call()
    finally:
        event.remove(connection, "before_cursor_execute", listen)
    return [" ".join(s.split()[:3]) for s in seen if "webhook_" in s]


def test_a_write_reads_the_subscriptions_only_when_one_is_active(client, connection, token_for, make_api_client,
                                                                  unit, make_enterprise, monkeypatch):
    if connection.dialect.name != "postgresql":
        pytest.skip("SQLite writes RETURNING's columns without their table: it reads the subscriptions on their own")
    monkeypatch.setattr("app.webhooks.jobs.deliver_webhooks", lambda: 0)  # the delivery itself is not this test's
    editor, ent = token_for("dcf_editor"), make_enterprise()

    def create() -> None:
        assert client.post("/api/v1/visits", headers=editor, json={**VISIT, "enterprise_id": ent.id}).status_code == 201

    assert _statements_of(connection, create) == ["INSERT INTO feed_change"]  # its RETURNING asks: none active

    _, _, headers = make_api_client([Scope.feed_read], unit("371502").id)
    sub = client.post("/api/v1/webhooks", headers=headers, json={"url": "http://127.0.0.1:9/none", "kinds": ["visit"]})
    assert sub.status_code == 201
    assert _statements_of(connection, create) == [
        "INSERT INTO feed_change", "SELECT webhook_subscription.id, webhook_subscription.kinds,",
        "INSERT INTO webhook_delivery"]
