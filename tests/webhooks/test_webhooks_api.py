"""Subscriptions (a client's own, or the admin's for a client), the outbox written with the change, signed delivery
(jobs run immediately in tests), the delivery log and replay."""

import json

import pytest
from sqlmodel import col, select

from app.clients.models import Scope
from app.webhooks.models import WebhookDelivery
from tests.webhooks.receiver import Receiver, verify

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "leader_level": "county_leader",
         "leader_name": "张县长", "outcome": "达成初步合作意向"}


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


def test_a_client_subscribes_and_receives_signed_changes_it_may_see(client, db, token_for, make_api_client, unit,
                                                                    make_enterprise, receiver):
    dcf, linqing = unit("371502").id, unit("371581").id
    _, _, mine = make_api_client([Scope.feed_read], dcf)
    _, _, other = make_api_client([Scope.feed_read], linqing)
    created = client.post("/api/v1/webhooks", headers=mine, json={"url": receiver.url, "kinds": ["visit"]})
    assert created.status_code == 201, created.text
    sub = created.json()
    assert sub["secret"].startswith("whsec_") and sub["kinds"] == ["visit"] and sub["active"] is True
    assert "secret" not in client.get(f"/api/v1/webhooks/{sub['id']}", headers=mine).json()
    assert client.get(f"/api/v1/webhooks/{sub['id']}", headers=other).status_code == 404
    assert [w["id"] for w in client.get("/api/v1/webhooks", headers=other).json()["data"]] == []
    assert sub["id"] in [w["id"] for w in client.get("/api/v1/webhooks", headers=token_for("admin")).json()["data"]]
    theirs = client.post("/api/v1/webhooks", headers=other, json={"url": receiver.url, "kinds": ["visit"]})
    assert theirs.status_code == 201

    ent = make_enterprise()
    visit = client.post(
        "/api/v1/visits", headers=token_for("dcf_editor"), json={**VISIT, "enterprise_id": ent.id}
    ).json()
    assert receiver.wait(1, timeout=10)
    assert len(receiver.received) == 1  # the linqing client's subscription owes nothing: it cannot see the visit
    headers, body = receiver.received[0]
    assert verify(sub["secret"], headers, body)
    assert not verify(sub["secret"], headers, body.replace(b"create", b"update"))
    event = json.loads(body)
    assert event["type"] == "visit.create"
    assert event["data"]["record_id"] == visit["id"] and event["data"]["record"]["place"] == "北京市海淀区"

    log = client.get(f"/api/v1/webhooks/{sub['id']}/deliveries", headers=mine).json()["data"]
    assert [(d["status"], d["attempts"], d["last_status_code"], d["message_id"]) for d in log] == [
        ("delivered", 1, 204, headers["webhook-id"])]
    replayed = client.post(f"/api/v1/webhooks/{sub['id']}/deliveries/{log[0]['id']}/replay", headers=mine)
    assert replayed.status_code == 200
    assert receiver.wait(2, timeout=10)
    assert receiver.received[1][0]["webhook-id"] == headers["webhook-id"]
    assert verify(sub["secret"], receiver.received[1][0], receiver.received[1][1])
    assert (
        client.post(f"/api/v1/webhooks/{sub['id']}/deliveries/{log[0]['id']}/replay", headers=other).status_code == 404
    )

    assert client.delete(f"/api/v1/webhooks/{sub['id']}", headers=mine).status_code == 204
    assert db.exec(select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == sub["id"])).all() == []


def test_kinds_not_subscribed_owe_nothing(client, db, token_for, make_api_client, unit, make_enterprise, receiver):
    _, _, mine = make_api_client([Scope.feed_read], None)
    sub = client.post("/api/v1/webhooks", headers=mine, json={"url": receiver.url, "kinds": ["project"]}).json()
    ent = make_enterprise()
    assert client.post("/api/v1/visits", headers=token_for("dcf_editor"),
                       json={**VISIT, "enterprise_id": ent.id}).status_code == 201
    assert db.exec(select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == sub["id"])).all() == []
    assert receiver.received == []


def test_the_admin_subscribes_for_a_client_and_bad_input_is_422(client, token_for, make_api_client, unit):
    api_client, _, _ = make_api_client([Scope.feed_read], unit("371502").id)
    reader, _, _ = make_api_client([Scope.records_read], unit("371502").id)
    admin = token_for("admin")
    ok = client.post("/api/v1/webhooks", headers=admin, json={"url": "http://10.1.2.3/hook", "kinds": ["lead"],
                                                         "client_id": api_client.id})
    assert ok.status_code == 201 and ok.json()["client_id"] == api_client.id  # a private address is fine
    cases = [({"url": "ftp://x.example/hook", "kinds": ["lead"], "client_id": api_client.id}, "url"),
             ({"url": "http://user:pw@x.example/", "kinds": ["lead"], "client_id": api_client.id}, "url"),
             ({"url": "http://x.example/hook", "kinds": ["planet"], "client_id": api_client.id}, "kinds"),
             ({"url": "http://x.example/hook", "kinds": ["lead"]}, "client_id"),
             ({"url": "http://x.example/hook", "kinds": ["lead"], "client_id": reader.id}, "client_id")]
    for body, field in cases:
        r = client.post("/api/v1/webhooks", headers=admin, json=body)
        assert r.status_code == 422, body
        assert field in r.json()["errors"][0]["field"], r.json()
    disabled = client.patch(f"/api/v1/webhooks/{ok.json()['id']}", headers=admin, json={"active": False}).json()
    assert disabled["active"] is False and disabled["disabled_reason"] == "已手动停用"
    enabled = client.patch(f"/api/v1/webhooks/{ok.json()['id']}", headers=admin, json={"active": True}).json()
    assert enabled["active"] is True and enabled["disabled_reason"] is None
