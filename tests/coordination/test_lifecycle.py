"""An item's whole life — raise → assign → answer → escalate → close — with who may take each step (anonymous 401,
a wrong role 403, another unit 404, the right unit), the notices each step sends (once, to the right people) and
the audit history it leaves."""

from datetime import timedelta

from tests.coordination.conftest import raise_item, step

OFFICES = ["office", "office2", "office3"]


def test_an_items_whole_life(client, token_for, project, land_dept_editor, unit, clock, notices):
    pid = project["id"]
    county, office, dept = token_for("dcf_editor"), token_for("office"), token_for(land_dept_editor)

    # raise: the landing county; not anonymous, not a viewer, not a unit that cannot see the project
    assert raise_item(client, {}, pid).status_code == 401
    assert raise_item(client, token_for("dcf_viewer"), pid).status_code == 403
    assert raise_item(client, token_for("leader"), pid).status_code == 403
    assert raise_item(client, token_for("linqing_editor"), pid).status_code == 404
    created = raise_item(client, county, pid)
    assert created.status_code == 201, created.text
    item = created.json()
    assert created.headers["ETag"] == '"1"'
    assert {k: item[k] for k in ("project_name", "raised_by_unit_name", "category", "status", "assignee_unit_id",
                                 "overdue", "days_open", "replies", "version")} == {
        "project_name": "重卡新能源零部件项目", "raised_by_unit_name": "东昌府区", "category": "land",
        "status": "raised", "assignee_unit_id": None, "overdue": False, "days_open": 0, "replies": [], "version": 1}
    iid = item["id"]
    assert notices() == {"coordination_raised": OFFICES}

    # assign: the office alone
    due = (clock.day + timedelta(days=5)).isoformat()
    body = {"assignee_unit_id": unit("DEPT-GTJ").id, "due_date": due}
    assert step(client, {}, iid, "assign", **body).status_code == 401
    assert step(client, county, iid, "assign", **body).status_code == 403
    assert step(client, token_for("leader"), iid, "assign", **body).status_code == 403
    assert step(client, office, 999999, "assign", **body).status_code == 404
    assert client.get(f"/api/v1/coordination-items/{iid}", headers=dept).status_code == 404  # not yet its item
    assigned = step(client, office, iid, "assign", **body)
    assert assigned.status_code == 200, assigned.text
    assert assigned.headers["ETag"] == '"2"'
    assert {k: assigned.json()[k] for k in ("status", "assignee_unit_name", "due_date")} == {
        "status": "assigned", "assignee_unit_name": "市国土资源局", "due_date": due}
    assert notices()["coordination_assigned"] == ["gtj_editor"]

    # answer: the responsible department; the raiser reads the item but may not answer it; another unit 404
    reply = {"text": "已列入下批次用地指标，正在报批", "progress": "in_progress"}
    assert step(client, {}, iid, "replies", **reply).status_code == 401
    assert step(client, token_for("leader"), iid, "replies", **reply).status_code == 403
    assert step(client, token_for("linqing_editor"), iid, "replies", **reply).status_code == 404
    assert step(client, county, iid, "replies", **reply).status_code == 403
    answered = step(client, dept, iid, "replies", **reply)
    assert answered.status_code == 200, answered.text
    got = answered.json()
    assert got["status"] == "answered"
    assert [(r["unit_name"], r["author"], r["text"], r["progress"]) for r in got["replies"]] == [
        ("市国土资源局", "gtj_editor", reply["text"], "in_progress")]
    assert notices()["coordination_answered"] == ["dcf_editor", *OFFICES]

    # escalate to this quarter's meeting: the office
    quarter = {"year": clock.day.year, "quarter": (clock.day.month - 1) // 3 + 1, "reason": "涉及跨部门用地政策"}
    assert step(client, {}, iid, "escalate", **quarter).status_code == 401
    assert step(client, dept, iid, "escalate", **quarter).status_code == 403
    assert step(client, office, iid, "escalate", **{**quarter, "year": clock.day.year - 1}).status_code == 422
    escalated = step(client, office, iid, "escalate", **quarter)
    assert escalated.status_code == 200, escalated.text
    assert {k: escalated.json()[k] for k in ("status", "escalated_year", "escalated_quarter")} == {
        "status": "escalated", "escalated_year": quarter["year"], "escalated_quarter": quarter["quarter"]}
    assert notices()["coordination_escalated"] == ["dcf_editor"]
    # the department may still report progress on an escalated item; it stays escalated
    more = step(client, dept, iid, "replies", text="指标已获批", progress="done").json()
    assert (more["status"], len(more["replies"])) == ("escalated", 2)

    # close: the office; afterwards no step is possible
    assert step(client, {}, iid, "close", note="会议已研究解决").status_code == 401
    assert step(client, county, iid, "close", note="会议已研究解决").status_code == 403
    closed = step(client, office, iid, "close", note="会议已研究解决")
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed" and closed.json()["closed_at"] is not None
    assert notices()["coordination_closed"] == ["dcf_editor"]
    refused = step(client, dept, iid, "replies", **reply)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/coordination-step")
    assert step(client, office, iid, "assign", **body).status_code == 409

    # each step exactly once for the right people, nobody else (the viewer, other units, the actor)
    assert notices() == {"coordination_raised": OFFICES, "coordination_assigned": ["gtj_editor"],
                         "coordination_answered": sorted(["dcf_editor", *OFFICES] * 2),  # two answers
                         "coordination_escalated": ["dcf_editor"], "coordination_closed": ["dcf_editor"]}

    # every step is in the audit history, named
    events = client.get("/api/v1/audit-events", headers=office,
                        params={"entity": "coordination_item", "entity_id": str(iid)}).json()["data"]
    assert sorted(e["action"] for e in events) == sorted(["raise", "assign", "reply", "escalate", "reply", "close"])
    assert {e["unit_id"] for e in events} == {unit("371502").id}
    replies = client.get("/api/v1/audit-events", headers=office, params={"entity": "coordination_reply"}).json()
    assert [e["action"] for e in replies["data"]] == ["create", "create"]


def test_reassigning_moves_the_item_to_the_new_department(client, token_for, project, land_dept_editor, unit, clock,
                                                         notices):
    iid = raise_item(client, token_for("dcf_editor"), project["id"]).json()["id"]
    office, due = token_for("office"), (clock.day + timedelta(days=3)).isoformat()
    assert step(client, office, iid, "assign", assignee_unit_id=unit("DEPT-GTJ").id, due_date=due).status_code == 200
    step(client, token_for(land_dept_editor), iid, "replies", text="非我局职责", progress="in_progress")
    moved = step(client, office, iid, "assign", assignee_unit_id=unit("DEPT-JXW").id, due_date=due)
    assert (moved.json()["status"], moved.json()["assignee_unit_name"]) == ("assigned", "市经济和信息化委员会")
    assert client.get(f"/api/v1/coordination-items/{iid}", headers=token_for(land_dept_editor)).status_code == 404
    assert step(client, token_for("jxw_editor"), iid, "replies", text="已对接", progress="done").status_code == 200
    assert notices()["coordination_assigned"] == ["gtj_editor", "jxw_editor"]


def test_bad_input_is_a_readable_problem(client, token_for, project, unit, clock):
    office = token_for("office")
    bad = raise_item(client, token_for("dcf_editor"), project["id"], category="roads")
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    extra = raise_item(client, token_for("dcf_editor"), project["id"], urgent=True)
    assert extra.status_code == 422
    iid = raise_item(client, token_for("dcf_editor"), project["id"]).json()["id"]
    past = step(client, office, iid, "assign", assignee_unit_id=unit("DEPT-GTJ").id,
                due_date=(clock.day - timedelta(days=1)).isoformat())
    assert past.status_code == 422 and "办理时限" in past.json()["detail"]
    nobody = step(client, office, iid, "assign", assignee_unit_id=999999, due_date=clock.day.isoformat())
    assert nobody.status_code == 422 and "责任单位" in nobody.json()["detail"]
    early = step(client, office, iid, "replies", text="x", progress="done")
    assert early.status_code == 403  # nobody is assigned: no unit may answer yet
    assert step(client, office, iid, "escalate", year=clock.day.year, quarter=4, reason="x").status_code == 409


def test_who_may_raise_on_a_project(client, token_for, make_enterprise, unit):
    """The landing unit and the credited units (and the office) raise; the owner without a share sees the project
    but may not raise on it."""
    from tests.projects.helpers import create_project

    response = create_project(client, token_for("grp01_editor"), make_enterprise("万华化学"), unit,
                              credits=[{"unit_id": unit("DEPT-JXW").id, "share": "100"}])
    pid = response.json()["id"]
    assert client.get(f"/api/v1/projects/{pid}", headers=token_for("grp01_editor")).status_code == 200
    assert raise_item(client, token_for("grp01_editor"), pid).status_code == 403
    assert raise_item(client, token_for("jxw_editor"), pid).status_code == 201
    assert raise_item(client, token_for("dcf_editor"), pid).status_code == 201
    office = raise_item(client, token_for("office"), pid)
    assert office.status_code == 201 and office.json()["raised_by_unit_name"].endswith("招商领导小组办公室")
    assert raise_item(client, token_for("office"), 999999).status_code == 404
