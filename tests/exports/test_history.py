"""GET /api/v1/<records>/{id}/history: a record's audit trail for everyone who may read the record."""

import uuid

import pytest

from app.audit.models import AuditEvent
from app.core.time import utcnow
from tests.projects.helpers import DEPT, GROUP, create_project, patch, report


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国建材集团有限公司", is_fortune500=True)


def history(client, headers, url, **params):
    response = client.get(f"{url}/history", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def new_visit(client, headers, ent, **fields):
    response = client.post("/api/v1/visits", headers=headers, json={
        "enterprise_id": ent.id, "visit_date": "2019-05-06", "region": "jingjinji", "outcome": "达成意向", **fields})
    assert response.status_code == 201, response.text
    return response.json()


def test_unit_editor_sees_who_created_and_submitted_their_visit_with_before_and_after(client, token_for, ent):
    editor = token_for("dcf_editor")
    visit = new_visit(client, editor, ent)
    other = new_visit(client, editor, ent, outcome="另一次走访")
    url = f"/api/v1/visits/{visit['id']}"
    assert client.post(f"{url}/transitions", headers=editor, json={"action": "submit"}).status_code == 200
    events = history(client, editor, url)["data"]
    assert [e["action"] for e in events] == ["submit", "create"]  # newest first, only this visit's
    submit, create = events
    assert submit["actor_name"] == create["actor_name"] == "dcf_editor" and submit["actor_type"] == "user"
    assert submit["entity"] == "visit" and submit["entity_id"] == str(visit["id"])
    assert submit["before"]["status"] == "draft" and submit["after"]["status"] == "submitted"
    assert create["before"] is None and create["after"]["outcome"] == "达成意向"
    assert submit["at"] >= create["at"] and submit["hash"] and submit["request_id"]
    assert other["id"] not in {int(e["entity_id"]) for e in events}
    # the office verifies: the unit sees that too, and its viewer sees the same history
    assert client.post(f"{url}/transitions", headers=token_for("office"), json={"action": "verify"}).status_code == 200
    latest = history(client, token_for("dcf_viewer"), url)["data"][0]
    assert latest["action"] == "verify" and latest["actor_name"] == "office"
    assert (latest["before"]["status"], latest["after"]["status"]) == ("submitted", "verified")


def test_another_units_record_history_is_404_like_the_record(client, token_for, ent):
    visit = new_visit(client, token_for("dcf_editor"), ent)
    url = f"/api/v1/visits/{visit['id']}/history"
    for who in ("linqing_editor", "grp01_editor"):
        response = client.get(url, headers=token_for(who))
        assert response.status_code == 404, who
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["detail"] == "记录不存在或无权查看"  # the same answer as for a missing record
    assert client.get("/api/v1/visits/999999/history", headers=token_for("dcf_editor")).status_code == 404
    assert client.get(url).status_code == 401


def test_client_address_only_for_the_office_and_admin(client, token_for, make_api_client, unit, ent):
    visit = new_visit(client, token_for("dcf_editor"), ent)
    url = f"/api/v1/visits/{visit['id']}"
    for who in ("office", "admin"):
        assert history(client, token_for(who), url)["data"][0]["client_addr"] == "testclient", who
    readers = [token_for("dcf_editor"), token_for("dcf_viewer"), token_for("leader"),
               make_api_client(["records:read"], unit("371502").id)[2]]
    for headers in readers:
        assert history(client, headers, url)["data"][0]["client_addr"] is None
    # otherwise the same event as the office's audit log shows
    office = token_for("office")
    logged = client.get("/api/v1/audit-events", headers=office, params={"entity": "visit", "entity_id": visit["id"]})
    assert history(client, office, url)["data"] == logged.json()["data"]
    redacted = history(client, token_for("dcf_editor"), url)["data"]
    assert redacted == [{**e, "client_addr": None} for e in logged.json()["data"]]


def test_history_pages_with_the_audit_cursor(client, token_for, ent):
    editor = token_for("dcf_editor")
    visit = new_visit(client, editor, ent)
    url = f"/api/v1/visits/{visit['id']}"
    for version, place in enumerate(("上海", "深圳", "广州"), 1):
        assert patch(client, editor, url, version, place=place).status_code == 200
    seen, cursor = [], None
    while True:
        page = history(client, editor, url, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [e["id"] for e in page["data"]]
        if not (cursor := page["next_cursor"]):
            break
    assert len(seen) == 4 and seen == sorted(seen, reverse=True)
    assert client.get(f"{url}/history", headers=editor, params={"cursor": "abc"}).status_code == 422
    assert client.get(f"{url}/history", headers=editor, params={"limit": 201}).status_code == 422


def test_project_history_includes_credit_share_and_enterprise_rows(client, token_for, ent, unit, make_enterprise):
    grp = token_for("grp01_editor")
    project = create_project(client, grp, ent, unit).json()
    url = f"/api/v1/projects/{project['id']}"
    second = make_enterprise("潍柴动力股份有限公司")
    changed = patch(client, grp, url, 1, credits=[{"unit_id": unit(GROUP).id, "share": "50"},
                                                  {"unit_id": unit(DEPT).id, "share": "50"}],
                    enterprise_ids=[ent.id, second.id])
    assert changed.status_code == 200, changed.text
    for who in ("dcf_editor", "jxw_editor", "grp01_editor"):  # the landing, credited and owner units
        events = history(client, token_for(who), url)["data"]
        credits = [e for e in events if e["entity"] == "project_credit"]
        assert len(credits) == 6  # two shares created with the project, then both replaced
        created_now = {(e["after"]["unit_id"], e["after"]["share"]) for e in credits[:4] if e["action"] == "create"}
        removed_now = {(e["before"]["unit_id"], e["before"]["share"]) for e in credits[:4] if e["action"] == "delete"}
        assert created_now == {(unit(GROUP).id, "50.00"), (unit(DEPT).id, "50.00")}, who
        assert removed_now == {(unit(GROUP).id, "60.00"), (unit(DEPT).id, "40.00")}, who
        assert all(e["entity_id"].startswith(f"{project['id']}:") for e in credits)
        assert {e["actor_name"] for e in credits} == {"grp01_editor"}
        links = [e for e in events if e["entity"] == "project_enterprise"]
        assert sorted((e["action"], (e["after"] or e["before"])["enterprise_id"]) for e in links) == sorted(
            [("create", ent.id), ("delete", ent.id), ("create", ent.id), ("create", second.id)])  # replaced
        own = [e for e in events if e["entity"] == "project"]
        assert [e["action"] for e in own] == ["update", "create"]
        assert [e["id"] for e in events] == sorted((e["id"] for e in events), reverse=True)
    assert client.get(f"{url}/history", headers=token_for("linqing_editor")).status_code == 404


def test_child_rows_are_matched_on_the_whole_parent_id(client, token_for, ent, unit, db):
    """Project 12's history holds "12:5", never "120:5" or "112:5" (nor another table's "12:5")."""
    project = create_project(client, token_for("grp01_editor"), ent, unit).json()
    pid = project["id"]
    foreign = [("project_credit", f"{pid}0:{unit(DEPT).id}"), ("project_credit", f"1{pid}:{unit(DEPT).id}"),
               ("project_enterprise", f"{pid}1:{ent.id}"), ("event_enterprise", f"{pid}:{ent.id}"),
               ("project", f"{pid}0")]
    for entity, entity_id in foreign:
        db.add(AuditEvent(at=utcnow(), actor_type="system", actor_name="test", action="create", entity=entity,
                          entity_id=entity_id, prev_hash="0" * 64, hash=uuid.uuid4().hex))
    db.commit()
    events = history(client, token_for("grp01_editor"), f"/api/v1/projects/{pid}")["data"]
    assert {(e["entity"], e["entity_id"]) for e in events}.isdisjoint(foreign)
    assert {e["entity"] for e in events} == {"project", "project_credit", "project_enterprise"}


def test_event_history_includes_the_enterprises_present(client, token_for, make_enterprise):
    a, b, c = (make_enterprise(name) for name in ("甲企业有限公司", "乙企业有限公司", "丙企业有限公司"))
    editor = token_for("dcf_editor")
    event = client.post("/api/v1/events", headers=editor, json={
        "kind": "promotion", "title": "新材料产业推介会", "event_date": "2019-04-18", "region": "yangtze_delta",
        "enterprise_ids": [a.id, b.id]}).json()
    url = f"/api/v1/events/{event['id']}"
    assert patch(client, editor, url, 1, enterprise_ids=[b.id, c.id]).status_code == 200
    events = history(client, token_for("dcf_viewer"), url)["data"]
    links = {(e["action"], (e["after"] or e["before"])["enterprise_id"]) for e in events
             if e["entity"] == "event_enterprise"}
    assert links == {("create", a.id), ("create", b.id), ("delete", a.id), ("create", c.id)}
    assert [e["action"] for e in events if e["entity"] == "event"] == ["update", "create"]
    assert client.get(f"{url}/history", headers=token_for("linqing_editor")).status_code == 404


def test_lead_history_for_the_owner_and_the_assigned_unit(client, token_for, ent, unit):
    lead = client.post("/api/v1/leads", headers=token_for("dcf_editor"), json={
        "enterprise_id": ent.id, "source": "chamber", "received_on": "2019-03-01",
        "assigned_unit_id": unit("371581").id}).json()
    url = f"/api/v1/leads/{lead['id']}"
    assert patch(client, token_for("linqing_editor"), url, 1, state="closed").status_code == 200
    for who in ("dcf_editor", "linqing_editor"):
        events = history(client, token_for(who), url)["data"]
        assert [e["action"] for e in events] == ["update", "create"]
        assert (events[0]["before"]["state"], events[0]["after"]["state"]) == ("open", "closed")
        assert events[0]["actor_name"] == "linqing_editor"
    assert client.get(f"{url}/history", headers=token_for("grp01_editor")).status_code == 404


def test_funds_report_history(client, token_for, ent, unit):
    grp = token_for("grp01_editor")
    project = create_project(client, grp, ent, unit).json()
    funds = report(client, grp, project["id"], "2019-06", "100.00").json()
    url = f"/api/v1/funds-reports/{funds['id']}"
    assert client.post(f"{url}/transitions", headers=grp, json={"action": "submit"}).status_code == 200
    events = history(client, token_for("dcf_editor"), url)["data"]  # the landing county sees the money
    assert [e["action"] for e in events] == ["submit", "create"] and events[1]["after"]["amount"] == "100.00"
    assert client.get(f"{url}/history", headers=token_for("linqing_editor")).status_code == 404


def test_enterprise_history_for_every_reader(client, token_for, make_api_client, unit, ent):
    url = f"/api/v1/enterprises/{ent.id}"
    assert patch(client, token_for("dcf_editor"), url, 1, name="中国建材集团").status_code == 200
    for headers in (token_for("linqing_editor"), token_for("leader"),
                    make_api_client(["records:read"], unit("371581").id)[2]):
        renamed, created = history(client, headers, url)["data"]
        assert created["action"] == "create" and created["actor_type"] == "system"  # the fixture's insert
        assert renamed["action"] == "update" and renamed["actor_name"] == "dcf_editor"
        assert (renamed["before"]["name"], renamed["after"]["name"]) == ("中国建材集团有限公司", "中国建材集团")
    assert client.get("/api/v1/enterprises/999999/history", headers=token_for("dcf_editor")).status_code == 404


def _history_sql(connection, record, children) -> str:
    from sqlalchemy import select

    from app.audit.queries import record_conditions
    stmt = select(AuditEvent).where(record_conditions(record, children)).order_by(AuditEvent.id.desc()).limit(51)
    return str(stmt.compile(connection, compile_kwargs={"literal_binds": True}))


def test_history_query_uses_the_entity_index_not_a_scan_of_the_history(connection):
    """The record's own rows come from the (entity, entity_id) index, its children's from the (owner_entity,
    owner_id) index, on both databases."""
    from sqlalchemy import text

    from app.projects.models import Project, ProjectCredit, ProjectEnterprise
    sql = _history_sql(connection, Project(id=1234), (ProjectCredit, ProjectEnterprise))
    if connection.dialect.name == "postgresql":
        # a history with many other projects' children, analysed: an empty table ties every index's cost
        connection.execute(text(
            "INSERT INTO audit_event (at, actor_type, actor_name, action, entity, entity_id, prev_hash, hash, "
            "owner_entity, owner_id) SELECT now(), 'system', 'test', 'create', e, g || '\\:1', repeat('0', 64), "
            "md5(e || g) || md5(g::text), 'project', g FROM generate_series(1, 3000) g, "
            "unnest(ARRAY['project_credit', 'project_enterprise']) e"))
        connection.execute(text("ANALYZE audit_event"))
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(r[0] for r in connection.exec_driver_sql(f"EXPLAIN {sql}"))
        assert "Seq Scan" not in plan and plan.count("Index Scan on ix_audit_event_entity") == 1, plan
        assert plan.count("Index Scan on ix_audit_event_owner") == 2, plan
    else:
        plan = " | ".join(r[3] for r in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        assert plan.count("USING INDEX ix_audit_event_entity (entity=? AND entity_id") == 1, plan
        assert plan.count("USING INDEX ix_audit_event_owner (owner_entity=? AND owner_id=? AND entity=?)") == 2, plan
        assert "SCAN audit_event" not in plan, plan
