"""The audit history: written with the change, complete, hash-chained, append-only."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app import cli
from app.audit.service import verify_chain


def events(client, headers, **params):
    return client.get("/api/v1/audit-events", headers=headers, params=params).json()["data"]


def test_a_change_is_recorded_with_actor_request_and_before_after(client, token_for, unit, user):
    target = unit("CHB-SZ")
    response = client.patch(f"/api/v1/units/{target.id}", headers={**token_for("admin"), "X-Request-ID": "req-abc-123"},
                            json={"name_zh": "深圳市聊城商会"})
    assert response.status_code == 200
    event, created = events(client, token_for("office"), entity="unit", entity_id=str(target.id))
    assert created["action"] == "create" and created["actor_type"] == "system" and created["before"] is None
    assert event["action"] == "update" and event["actor_type"] == "user"
    assert event["actor_id"] == user("admin").id and event["actor_name"] == "admin"
    assert event["request_id"] == "req-abc-123" and event["client_addr"] == "testclient"
    assert event["before"]["name_zh"] == "深圳聊城商会" and event["after"]["name_zh"] == "深圳市聊城商会"
    assert event["unit_id"] == target.id


def test_secrets_never_reach_the_history(client, token_for):
    admin = token_for("admin")
    created = client.post("/api/v1/users", headers=admin, json={
        "username": "audited", "display_name": "审计", "password": "long-enough-pw", "role": "leader"}).json()
    [event] = events(client, admin, entity="app_user", entity_id=str(created["id"]))
    assert event["after"]["password_hash"] == "***"
    assert "long-enough-pw" not in str(event)


def test_failed_request_leaves_no_history(client, token_for):
    admin = token_for("admin")
    before = len(events(client, admin, entity="unit", limit=200))
    bad = {"code": "Z-9", "type": "county", "name_zh": "x", "cluster_ids": [999]}
    assert client.post("/api/v1/units", headers=admin, json=bad).status_code == 422
    assert len(events(client, admin, entity="unit", limit=200)) == before


def test_filters_and_cursor_paging(client, token_for, unit):
    admin = token_for("admin")
    for name in ("一", "二", "三"):
        client.patch(f"/api/v1/units/{unit('CHB-TJ').id}", headers=admin, json={"name_en": name})
    page1 = client.get("/api/v1/audit-events", headers=admin,
                       params={"entity": "unit", "entity_id": unit("CHB-TJ").id, "limit": 2}).json()
    assert [e["after"]["name_en"] for e in page1["data"]] == ["三", "二"]
    page2 = client.get("/api/v1/audit-events", headers=admin, params={
        "entity": "unit", "entity_id": unit("CHB-TJ").id, "limit": 2, "cursor": page1["next_cursor"]}).json()
    assert [e["after"]["name_en"] for e in page2["data"]][0] == "一"


def test_filters_by_who_and_what(client, token_for, unit):
    admin, office = token_for("admin"), token_for("office")
    client.patch(f"/api/v1/units/{unit('CHB-TJ').id}", headers=admin, json={"name_en": "by admin"})
    ent = client.post("/api/v1/enterprises", headers=office, json={"name": "按操作筛选测试企业有限公司"}).json()
    by_office = client.get("/api/v1/audit-events", headers=admin, params={"actor_name": "office"}).json()["data"]
    assert by_office and {e["actor_name"] for e in by_office} == {"office"}
    assert any(e["entity"] == "enterprise" and e["entity_id"] == str(ent["id"]) for e in by_office)
    creates = client.get("/api/v1/audit-events", headers=admin, params={"action": "create", "entity": "enterprise"})
    assert {e["action"] for e in creates.json()["data"]} == {"create"}
    updates = client.get("/api/v1/audit-events", headers=admin, params={"action": "update", "actor_name": "admin"})
    assert [e["after"]["name_en"] for e in updates.json()["data"]][:1] == ["by admin"]


def test_chain_verifies(client, token_for, connection):
    client.patch("/api/v1/units/1", headers=token_for("admin"), json={"leader_name": "张三"})
    checked, problems = verify_chain(connection)
    assert checked > 50 and problems == []
    assert client.get("/api/v1/audit-events/verify", headers=token_for("office")).json()["ok"] is True


def test_database_refuses_update_and_delete_of_history(connection):
    with pytest.raises(DBAPIError), connection.begin_nested():
        connection.execute(text("UPDATE audit_event SET actor_name = 'x' WHERE id = 1"))
    with pytest.raises(DBAPIError), connection.begin_nested():
        connection.execute(text("DELETE FROM audit_event WHERE id = 1"))


def _bypass_append_only(connection):
    """Simulates someone with database superuser rights editing the table behind the app's back."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
    else:
        connection.execute(text("DROP TRIGGER audit_event_no_update"))
        connection.execute(text("DROP TRIGGER audit_event_no_delete"))


def test_verification_detects_a_modified_row(connection):
    _bypass_append_only(connection)
    connection.execute(text("UPDATE audit_event SET after = replace(after, '东昌府区', '西昌府区') "
                            "WHERE entity = 'unit' AND after LIKE '%东昌府区%'"))
    _, problems = verify_chain(connection)
    assert len(problems) == 1 and "内容与哈希不符" in problems[0]


def test_verification_detects_a_deleted_row(connection):
    _bypass_append_only(connection)
    connection.execute(text("DELETE FROM audit_event WHERE id = 10"))
    _, problems = verify_chain(connection)
    assert any(p.startswith("#11") and "链断裂" in p for p in problems)


def test_cli_verify_reports_ok(engine, settings, capsys, monkeypatch):
    monkeypatch.setattr(cli, "get_engine", lambda: engine)
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    assert cli.main(["audit-verify"]) == 0
    assert "OK" in capsys.readouterr().out
