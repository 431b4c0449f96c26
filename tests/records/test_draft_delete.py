"""Deleting a draft: every verified kind, through the one shared route — its unit only, never once submitted."""

import pytest
from sqlmodel import func, select

from app.progress import rollup
from app.progress.models import ProgressRollup
from tests.progress.conftest import World
from tests.projects.helpers import create_project

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "leader_level": "county_leader",
         "leader_name": "张县长", "outcome": "达成初步合作意向"}
EVENT = {"kind": "promotion", "title": "新材料产业专题推介会", "event_date": "2019-09-10", "region": "yangtze_delta",
         "place": "上海"}


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国重汽集团有限公司", is_central_soe=True, is_fortune500=True)


@pytest.fixture
def make(client, token_for, ent, unit):
    """kind → (collection URL, id of a new draft entered by `who`)."""
    def create(kind: str, who: str = "dcf_editor") -> str:
        headers = token_for(who)
        if kind == "visits":
            r = client.post("/api/v1/visits", headers=headers, json={**VISIT, "enterprise_id": ent.id})
        elif kind == "events":
            r = client.post("/api/v1/events", headers=headers, json={**EVENT, "enterprise_ids": [ent.id]})
        elif kind == "projects":
            r = create_project(client, headers, ent, unit, credits=[])
        else:
            project = create_project(client, headers, ent, unit, credits=[]).json()
            r = client.post("/api/v1/funds-reports", headers=headers,
                            json={"project_id": project["id"], "period": "2019-06", "amount": "100"})
        assert r.status_code == 201, r.text
        return f"/api/v1/{kind}/{r.json()['id']}"
    return create


KINDS = ["visits", "events", "projects", "funds-reports"]


@pytest.fixture
def plan(db, unit):
    """The plan's targets in force, so the rollups hold figures a draft could leave behind."""
    World(db, unit)
    rollup.sync(db)
    db.commit()


def _rollup_rows(db) -> int:
    db.expire_all()
    return db.exec(select(func.coalesce(func.sum(ProgressRollup.n), 0))).one()


@pytest.mark.parametrize("kind", KINDS)
def test_its_unit_deletes_a_draft_audited_and_gone_from_lists_and_figures(client, token_for, make, db, plan, kind):
    editor, office = token_for("dcf_editor"), token_for("office")
    before = _rollup_rows(db)
    url = make(kind)
    assert _rollup_rows(db) == before  # figures count submitted records only …
    record_id = int(url.rsplit("/", 1)[1])
    response = client.delete(url, headers=editor)
    assert response.status_code == 204, response.text
    assert client.get(url, headers=editor).status_code == 404
    listed = client.get(f"/api/v1/{kind}", headers=editor, params={"limit": 200}).json()["data"]
    assert record_id not in [r["id"] for r in listed]
    assert _rollup_rows(db) == before  # … and the delete went through the same upkeep as any write
    assert rollup.check(db) == []
    entity = {"funds-reports": "funds_report"}.get(kind, kind.rstrip("s"))
    history = client.get("/api/v1/audit-events", headers=office, params={"entity": entity, "entity_id": record_id})
    actions = [e["action"] for e in history.json()["data"]]
    assert actions[0] == "delete_draft" and actions[-1] == "create"
    assert client.delete(url, headers=editor).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("unit_viewer", 403), ("leader", 403),
                                             ("client_read", 403)])
def test_read_only_callers_may_not_delete(client, headers_for, make, kind, who, status):
    url = make(kind)
    assert client.delete(url, headers=headers_for(who)).status_code == status
    assert client.get(url, headers=headers_for("unit_editor")).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_another_unit_gets_404_even_the_office_that_can_read_it(client, token_for, make, kind):
    url = make(kind)
    for who in ("linqing_editor", "office"):
        refused = client.delete(url, headers=token_for(who))
        assert refused.status_code == 404 and refused.headers["content-type"] == "application/problem+json"
    assert client.get(url, headers=token_for("dcf_editor")).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_submitted_record_is_409_even_after_withdrawing(client, token_for, make, kind):
    editor = token_for("dcf_editor")
    url = make(kind)
    assert client.post(f"{url}/transitions", headers=editor, json={"action": "submit"}).status_code == 200
    refused = client.delete(url, headers=editor)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/not-a-draft")
    assert "已报送" in refused.json()["detail"]
    assert client.post(f"{url}/transitions", headers=editor, json={"action": "withdraw"}).status_code == 200
    again = client.delete(url, headers=editor)
    assert again.status_code == 409 and "曾经报送" in again.json()["detail"]
    assert client.get(url, headers=editor).status_code == 200


def test_a_draft_another_record_refers_to_is_409(client, token_for, make):
    editor = token_for("dcf_editor")
    project = make("projects")
    report = make("funds-reports")
    project_of_report = client.get(report, headers=editor).json()["project_id"]
    refused = client.delete(f"/api/v1/projects/{project_of_report}", headers=editor)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/record-referenced")
    assert client.delete(report, headers=editor).status_code == 204
    assert client.delete(f"/api/v1/projects/{project_of_report}", headers=editor).status_code == 204
    assert client.delete(project, headers=editor).status_code == 204
