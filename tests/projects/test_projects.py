"""Projects: who sees and who edits, credit shares to exactly 100 %, landing unit, stage timeline, verification,
lists. (Funds in place on a project: tests/funds/.)"""

from datetime import date

import pytest
from sqlmodel import select

from app.units.models import Cluster
from tests.projects.helpers import (
    COUNTY,
    DEPT,
    GROUP,
    OTHER_COUNTY,
    create_project,
    history,
    move,
    override,
    patch,
    report,
)

create = create_project


def test_group_enters_a_project_the_landing_county_and_credited_department_see_it(client, token_for, ent, unit):
    response = create(client, token_for("grp01_editor"), ent, unit)
    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == '"1"'
    p = response.json()
    assert p["unit_id"] == unit(GROUP).id and p["status"] == "draft" and p["created_by"] == "grp01_editor"
    assert p["total_investment"] == "25000.50" and p["stage"] == "signed"
    assert p["enterprises"] == [{"id": ent.id, "name": "中国重汽集团有限公司", "uscc": None}]
    assert p["credits"] == [{"unit_id": unit(GROUP).id, "share": "60.00"}, {"unit_id": unit(DEPT).id, "share": "40.00"}]
    assert p["funds_reported"] == "0.00" and p["funds_verified"] == "0.00" and p["funds_override_reason"] is None
    # the negotiating date was not given: it takes the signing date (it cannot be later)
    assert p["negotiating_on"] == p["signed_on"] == "2019-05-20" and p["started_on"] is None
    assert p["timeline"] == [{"stage": "negotiating", "label": "在谈", "on": "2019-05-20"},
                             {"stage": "signed", "label": "签约", "on": "2019-05-20"}]
    url = f"/api/v1/projects/{p['id']}"
    for who in ("grp01_editor", "dcf_editor", "dcf_viewer", "jxw_editor", "office", "leader", "admin"):
        got = client.get(url, headers=token_for(who))
        assert got.status_code == 200 and got.headers["ETag"] == '"1"', who
        assert got.json() == p, who
        assert p["id"] in [x["id"] for x in client.get("/api/v1/projects", headers=token_for(who)).json()["data"]], who
    assert client.get(url).status_code == 401


def test_landing_and_credited_units_see_but_cannot_edit_or_submit(client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit).json()
    url = f"/api/v1/projects/{p['id']}"
    for who in ("dcf_editor", "jxw_editor"):  # landing county, credited department
        refused = patch(client, token_for(who), url, 1, name="改名")
        assert refused.status_code == 403 and "录入该记录的单位" in refused.json()["detail"], who
        assert move(client, token_for(who), url, "submit").status_code == 403, who
    assert patch(client, token_for("office"), url, 1, name="改名").status_code == 403  # sees all, edits its own
    assert move(client, token_for("office"), url, "submit").status_code == 403
    for who in ("dcf_viewer", "leader", "admin"):  # roles that never write records
        assert patch(client, token_for(who), url, 1, name="改名").status_code == 403, who
        assert move(client, token_for(who), url, "submit").status_code == 403, who
    assert client.get(url, headers=token_for("grp01_editor")).json()["version"] == 1


def test_an_unrelated_unit_gets_404_everywhere(client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit).json()
    url, other = f"/api/v1/projects/{p['id']}", token_for("linqing_editor")
    assert client.get(url, headers=other).status_code == 404
    assert patch(client, other, url, 1, name="x").status_code == 404
    assert move(client, other, url, "submit").status_code == 404
    assert p["id"] not in [x["id"] for x in client.get("/api/v1/projects", headers=other).json()["data"]]
    assert client.get("/api/v1/projects/999999", headers=token_for("office")).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403), ("client_no_scope", 403)])
def test_who_may_not_create(client, headers_for, ent, unit, who, status):
    assert create(client, headers_for(who), ent, unit).status_code == status


def test_api_clients_read_by_scope_and_write_in_a_named_unit(client, make_api_client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit).json()
    url = f"/api/v1/projects/{p['id']}"
    assert client.get(url, headers=make_api_client(["records:read"], unit(COUNTY).id)[2]).status_code == 200
    assert client.get(url, headers=make_api_client(["records:read"], unit(OTHER_COUNTY).id)[2]).status_code == 404
    city = make_api_client(["records:read", "records:write"])[2]
    assert client.get(url, headers=city).status_code == 200
    unnamed = create(client, city, ent, unit)
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "unit_id"
    named = create(client, city, ent, unit, unit_id=unit(GROUP).id)
    assert named.status_code == 201 and named.json()["unit_id"] == unit(GROUP).id


def test_editor_cannot_create_for_another_unit(client, token_for, ent, unit):
    assert create(client, token_for("grp01_editor"), ent, unit, unit_id=unit(COUNTY).id).status_code == 403


# ---- credit shares --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("shares", "total"), [(["60", "39.99"], "99.99"), (["60", "40.01"], "100.01"),
                                               (["100", "0.01"], "100.01"), (["50", "49"], "99.00")])
def test_credit_shares_must_add_to_exactly_100(client, token_for, ent, unit, shares, total):
    credits = [{"unit_id": unit(GROUP).id, "share": shares[0]}, {"unit_id": unit(DEPT).id, "share": shares[1]}]
    response = create(client, token_for("grp01_editor"), ent, unit, credits=credits)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "credits"
    assert f"{total}%" in response.json()["detail"] and "100%" in response.json()["detail"]


def test_exact_thirds_are_accepted_and_kept_exact(client, token_for, ent, unit):
    shares = ((GROUP, "33.33"), ("GRP-02", 33.33), ("CHB-BJ", "33.34"))  # a JSON number is fine too
    thirds = [{"unit_id": unit(c).id, "share": s} for c, s in shares]
    response = create(client, token_for("grp01_editor"), ent, unit, credits=thirds)
    assert response.status_code == 201, response.text
    assert [c["share"] for c in response.json()["credits"]] == ["33.34", "33.33", "33.33"]
    assert (
        client.get(f"/api/v1/projects/{response.json()['id']}", headers=token_for("chb_bj_editor")).status_code == 200
    )


@pytest.mark.parametrize(("credits", "field"), [
    ([("GRP-01", "50"), ("GRP-01", "50")], "credits"),  # a unit twice
    ([("GRP-01", "100"), ("DEPT-JXW", "0")], "credits.1.share"),  # each share > 0
    ([("GRP-01", "66.667"), ("DEPT-JXW", "33.333")], "credits.0.share"),  # two places at most
    ([("GRP-01", "-10"), ("DEPT-JXW", "110")], "credits.0.share"),
])
def test_bad_credit_shares(client, token_for, ent, unit, credits, field):
    body = [{"unit_id": unit(code).id, "share": share} for code, share in credits]
    response = create(client, token_for("grp01_editor"), ent, unit, credits=body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == field, response.text


def test_credited_units_must_exist_and_default_to_the_owner(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    missing = create(client, editor, ent, unit, credits=[{"unit_id": 999999, "share": "100"}])
    assert missing.status_code == 422 and "999999" in missing.json()["detail"]
    own = create(client, editor, ent, unit, credits=[])
    assert own.json()["credits"] == [{"unit_id": unit(GROUP).id, "share": "100.00"}]


def test_changing_credits_changes_who_sees_the_project(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    p = create(client, editor, ent, unit).json()
    url = f"/api/v1/projects/{p['id']}"
    assert patch(client, editor, url, 1, credits=[{"unit_id": unit(DEPT).id, "share": "99.99"}]).status_code == 422
    assert patch(client, editor, url, 1, credits=[]).status_code == 422
    assert patch(client, editor, url, 1, credits=None).status_code == 422
    changed = patch(client, editor, url, 1, credits=[{"unit_id": unit(GROUP).id, "share": "50"},
                                                      {"unit_id": unit("CHB-BJ").id, "share": "50"}])
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    assert client.get(url, headers=token_for("jxw_editor")).status_code == 404
    assert client.get(url, headers=token_for("chb_bj_editor")).status_code == 200


# ---- fields ---------------------------------------------------------------------------------------------


def test_money_is_exact_and_shown_with_two_places(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    p = create(client, editor, ent, unit, total_investment=12500, outside_province_investment="12500.0",
               foreign_investment=0.1).json()
    assert (p["total_investment"], p["outside_province_investment"], p["foreign_investment"]) == \
        ("12500.00", "12500.00", "0.10")
    three = create(client, editor, ent, unit, total_investment="0.001")
    assert three.status_code == 422 and three.json()["errors"][0]["field"] == "total_investment"
    assert create(client, editor, ent, unit, total_investment="-1").status_code == 422
    assert create(client, editor, ent, unit, total_investment="1e20").status_code == 422


@pytest.mark.parametrize("part", ["outside_province_investment", "foreign_investment"])
def test_parts_of_the_investment_cannot_exceed_the_total(client, token_for, ent, unit, part):
    editor = token_for("grp01_editor")
    over = create(client, editor, ent, unit, total_investment="100", **{part: "100.01"})
    assert over.status_code == 422 and over.json()["errors"][0]["field"] == part
    assert "100.01" in over.json()["detail"] and "100.00" in over.json()["detail"]
    p = create(client, editor, ent, unit, total_investment="100", **{part: "100"}).json()
    lowered = patch(client, editor, f"/api/v1/projects/{p['id']}", 1, total_investment="99.99")
    assert lowered.status_code == 422 and lowered.json()["errors"][0]["field"] == part


def test_enterprises_at_least_one_known_and_listed(client, token_for, make_enterprise, ent, unit):
    editor = token_for("grp01_editor")
    none = create(client, editor, ent, unit, enterprise_ids=[])
    assert none.status_code == 422 and none.json()["errors"][0]["field"] == "enterprise_ids"
    unknown = client.post("/api/v1/projects", headers=editor, json={"name": "x", "total_investment": "1",
                                                                  "enterprise_ids": [999999]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "enterprise_ids"
    partner = make_enterprise("山东高速集团有限公司")
    p = create(client, editor, ent, unit, enterprise_ids=[partner.id, ent.id, partner.id]).json()
    assert sorted(e["name"] for e in p["enterprises"]) == ["中国重汽集团有限公司", "山东高速集团有限公司"]
    url = f"/api/v1/projects/{p['id']}"
    assert patch(client, editor, url, 1, enterprise_ids=None).status_code == 422
    assert [e["id"] for e in patch(client, editor, url, 1, enterprise_ids=[partner.id]).json()["enterprises"]] == \
        [partner.id]


@pytest.mark.parametrize(("code", "ok"), [("371502", True), ("ZONE-HTZ", True), ("DEPT-JXW", False),
                                          ("GRP-01", False), ("OFFICE", False), ("CHB-BJ", False)])
def test_landing_unit_must_be_a_county_or_development_zone(client, token_for, ent, unit, code, ok):
    response = create(client, token_for("grp01_editor"), ent, unit, landing_unit_id=unit(code).id)
    if ok:
        assert response.status_code == 201
    else:
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "landing_unit_id"
    assert create(client, token_for("grp01_editor"), ent, unit, landing_unit_id=999999).status_code == 422


def test_lead_event_and_cluster_must_exist_and_be_visible(client, token_for, db, ent, unit):
    lead = {"enterprise_id": ent.id, "source": "own_research", "received_on": "2019-03-01"}
    foreign_lead = client.post("/api/v1/leads", headers=token_for("linqing_editor"), json=lead).json()
    own_lead = client.post("/api/v1/leads", headers=token_for("grp01_editor"), json=lead).json()
    event = {"kind": "promotion", "title": "推介会", "event_date": "2019-05-20", "region": "yangtze_delta"}
    foreign_event = client.post("/api/v1/events", headers=token_for("linqing_editor"), json=event).json()
    own_event = client.post("/api/v1/events", headers=token_for("grp01_editor"), json=event).json()
    cluster = db.exec(select(Cluster).where(Cluster.code == "new_materials")).one()
    editor = token_for("grp01_editor")
    for field, value in (("lead_id", foreign_lead["id"]), ("signed_event_id", foreign_event["id"]),
                         ("cluster_id", 999999), ("lead_id", 999999)):
        refused = create(client, editor, ent, unit, **{field: value})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field, field
    p = create(client, editor, ent, unit, lead_id=own_lead["id"], signed_event_id=own_event["id"],
               cluster_id=cluster.id)
    assert p.status_code == 201, p.text
    assert (p.json()["lead_id"], p.json()["signed_event_id"], p.json()["cluster_id"]) == \
        (own_lead["id"], own_event["id"], cluster.id)


def test_required_fields_cannot_be_blanked_and_unknown_fields_are_refused(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    url = f"/api/v1/projects/{create(client, editor, ent, unit).json()['id']}"
    for field in ("name", "total_investment", "stage"):
        refused = patch(client, editor, url, 1, **{field: None})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field, field
    assert patch(client, editor, url, 1, status="verified").status_code == 422
    assert create(client, editor, ent, unit, funds_override_reason="x").status_code == 422


# ---- stages ---------------------------------------------------------------------------------------------


def test_a_new_project_is_negotiating_with_no_date_filled_in(client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit, stage=None, signed_on=None).json()
    assert p["stage"] == "negotiating" and p["negotiating_on"] is None
    assert p["signed_on"] is None and p["timeline"] == []


def test_a_stage_not_reached_has_no_date(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    early = create(client, editor, ent, unit, stage="negotiating", signed_on="2019-05-20")
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "signed_on"
    assert "尚未签约" in early.json()["detail"]
    started = create(client, editor, ent, unit, started_on="2019-06-01")  # stage signed
    assert started.status_code == 422 and started.json()["errors"][0]["field"] == "started_on"
    not_dropped = create(client, editor, ent, unit, drop_reason="x")
    assert not_dropped.status_code == 422 and not_dropped.json()["errors"][0]["field"] == "drop_reason"


def test_stage_moves_forward_with_dates_in_order(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    url = f"/api/v1/projects/{create(client, editor, ent, unit).json()['id']}"
    early = patch(client, editor, url, 1, stage="started", started_on="2019-05-01")
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "started_on"
    assert "不能早于签约日期" in early.json()["detail"]
    started = patch(client, editor, url, 1, stage="started", started_on="2019-08-01")
    assert started.status_code == 200 and started.json()["started_on"] == "2019-08-01"
    backwards = patch(client, editor, url, 2, stage="signed")
    assert backwards.status_code == 422 and "向前" in backwards.json()["detail"]
    assert patch(client, editor, url, 2, stage="negotiating").status_code == 422
    moved_back = patch(client, editor, url, 2, signed_on="2019-08-02")  # a reached date may change, in order
    assert moved_back.status_code == 422 and moved_back.json()["errors"][0]["field"] == "started_on"
    assert patch(client, editor, url, 2, signed_on="2019-06-01").json()["signed_on"] == "2019-06-01"
    produce = patch(client, editor, url, 3, stage="in_production", in_production_on="2020-03-01").json()
    assert [(s["stage"], s["on"]) for s in produce["timeline"]] == [
        ("negotiating", "2019-05-20"), ("signed", "2019-06-01"), ("started", "2019-08-01"),
        ("in_production", "2020-03-01")]
    final = patch(client, editor, url, 4, stage="dropped", drop_reason="企业资金链断裂")
    assert final.status_code == 422 and "已投产" in final.json()["detail"]


def test_skipping_ahead_fills_the_dates_of_the_stages_passed(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    p = create(client, editor, ent, unit, stage=None, signed_on=None, negotiating_on="2019-01-02").json()
    jumped = patch(client, editor, f"/api/v1/projects/{p['id']}", 1, stage="started", started_on="2019-04-01").json()
    assert (jumped["negotiating_on"], jumped["signed_on"], jumped["started_on"]) == \
        ("2019-01-02", "2019-04-01", "2019-04-01")
    undated = patch(client, editor, f"/api/v1/projects/{p['id']}", 2, stage="in_production").json()
    assert undated["in_production_on"] is None and undated["started_on"] == "2019-04-01"  # nothing made up


def test_dropping_needs_a_reason_and_is_final(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    url = f"/api/v1/projects/{create(client, editor, ent, unit).json()['id']}"
    no_reason = patch(client, editor, url, 1, stage="dropped")
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "drop_reason"
    assert patch(client, editor, url, 1, stage="dropped", drop_reason="   ").status_code == 422
    before_signing = patch(client, editor, url, 1, stage="dropped", drop_reason="资金链断裂", dropped_on="2019-05-01")
    assert before_signing.status_code == 422 and before_signing.json()["errors"][0]["field"] == "dropped_on"
    dropped = patch(client, editor, url, 1, stage="dropped", drop_reason="企业资金链断裂", dropped_on="2019-10-01")
    assert dropped.status_code == 200, dropped.text
    body = dropped.json()
    assert body["stage"] == "dropped" and body["signed_on"] == "2019-05-20" and body["started_on"] is None
    assert body["timeline"][-1] == {"stage": "dropped", "label": "终止", "on": "2019-10-01"}
    assert patch(client, editor, url, 2, stage="started").status_code == 422
    assert patch(client, editor, url, 2, started_on="2019-09-01").status_code == 422  # never reached
    assert patch(client, editor, url, 2, drop_reason="企业战略调整").json()["drop_reason"] == "企业战略调整"
    default_day = create(client, editor, ent, unit, stage="dropped", drop_reason="撤资", signed_on=None).json()
    assert default_day["dropped_on"] is None and default_day["negotiating_on"] is None


# ---- concurrency, verification, idempotency -------------------------------------------------------------


def test_update_needs_if_match_and_detects_a_concurrent_change(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    url = f"/api/v1/projects/{create(client, editor, ent, unit).json()['id']}"
    assert client.patch(url, headers=editor, json={"name": "甲"}).status_code == 428
    first = patch(client, editor, url, 1, name="甲")
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    stale = patch(client, editor, url, 1, name="乙")
    assert stale.status_code == 412 and stale.json()["current_etag"] == '"2"'
    assert client.get(url, headers=editor).json()["name"] == "甲"


def test_full_verification_cycle(client, token_for, ent, unit):
    editor, office = token_for("grp01_editor"), token_for("office")
    p = create(client, editor, ent, unit).json()
    url = f"/api/v1/projects/{p['id']}"
    assert move(client, office, url, "verify").status_code == 409  # still a draft
    assert move(client, editor, url, "submit").json()["status"] == "submitted"
    assert patch(client, editor, url, 2, name="x").status_code == 409
    assert move(client, editor, url, "verify").status_code == 403
    assert move(client, token_for("dcf_editor"), url, "verify").status_code == 403  # the landing county
    assert move(client, office, url, "return").status_code == 422
    assert move(client, office, url, "return", "签约日期需附合同").json()["return_reason"] == "签约日期需附合同"
    assert patch(client, editor, url, 3, signed_on="2019-05-21").status_code == 200
    assert move(client, editor, url, "submit").json()["return_reason"] is None
    verified = move(client, office, url, "verify").json()
    assert verified["status"] == "verified" and verified["verified_by"] == "office"
    locked = patch(client, editor, url, 6, stage="started")
    assert locked.status_code == 409 and "重新打开" in locked.json()["detail"]
    assert move(client, editor, url, "withdraw").status_code == 409
    assert move(client, office, url, "reopen", "投资额有误").json()["status"] == "returned"
    assert history(client, office, "project", p["id"])[:4] == ["reopen", "verify", "submit", "update"]


def test_office_cannot_verify_its_own_project_but_a_colleague_can(client, token_for, ent, unit):
    office = token_for("office")
    p = create(client, office, ent, unit, credits=[]).json()
    url = f"/api/v1/projects/{p['id']}"
    assert move(client, office, url, "submit").status_code == 200
    refused = move(client, office, url, "verify")
    assert refused.status_code == 403 and "职责分离" in refused.json()["detail"]
    assert move(client, token_for("office2"), url, "verify").json()["status"] == "verified"


def test_idempotent_retry_creates_one_project(client, token_for, ent, unit):
    headers = {**token_for("grp01_editor"), "Idempotency-Key": "proj-1"}
    a, b = create(client, headers, ent, unit), create(client, headers, ent, unit)
    assert a.status_code == b.status_code == 201 and b.headers["Idempotency-Replayed"] == "true"
    assert a.json() == b.json()
    assert client.get("/api/v1/projects", headers=token_for("office"), params={"with_total": True}).json()["total"] == 1
    assert create(client, headers, ent, unit, name="另一个项目").status_code == 422


# ---- the office's funds override ------------------------------------------------------------------------


def test_only_the_office_records_a_funds_override_and_it_is_in_the_history(client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit).json()
    for who in ("grp01_editor", "dcf_editor", "leader", "admin"):
        assert override(client, token_for(who), p["id"]).status_code == 403, who
    assert client.post(f"/api/v1/projects/{p['id']}/funds-override", headers=token_for("office"),
                       json={"reason": ""}).status_code == 422
    done = override(client, token_for("office"), p["id"])
    assert done.status_code == 200 and done.headers["ETag"] == '"2"'
    body = done.json()
    assert (body["funds_override_reason"], body["funds_override_by"]) == ("项目追加投资，合同待更新", "office")
    assert history(client, token_for("office"), "project", p["id"])[0] == "funds_override"
    assert override(client, token_for("office"), 999999).status_code == 404


# ---- lists ----------------------------------------------------------------------------------------------


@pytest.fixture
def six(client, token_for, make_enterprise, unit, db):
    """Six projects with varied fields; returns their ids by name."""
    editor = token_for("grp01_editor")
    cluster = db.exec(select(Cluster).where(Cluster.code == "new_materials")).one()
    ids = {}
    for i in range(6):
        e = make_enterprise(f"企业{i}", is_fortune500=(i == 0))
        extra = {"total_investment": str(1000 * (i + 1)), "name": f"项目{i}", "signed_on": f"2019-0{i + 1}-10",
                 "four_new": "new_technology" if i % 2 else "new_model",
                 "advanced_class": "medical_health" if i < 2 else "new_generation_it",
                 "cluster_id": cluster.id if i == 5 else None}
        if i == 4:
            extra.update(landing_unit_id=unit("ZONE-HTZ").id, credits=[{"unit_id": unit(GROUP).id, "share": "100"}])
        if i == 3:
            extra.update(stage="negotiating", signed_on=None)
        response = create(client, editor, e, unit, **extra)
        assert response.status_code == 201, response.text
        ids[f"项目{i}"] = response.json()["id"]
    move(client, editor, f"/api/v1/projects/{ids['项目2']}", "submit")
    return ids, cluster


def test_list_filters(client, token_for, unit, six):
    ids, cluster = six
    office = token_for("office")

    def names(headers=office, **params):
        response = client.get("/api/v1/projects", headers=headers, params=params)
        assert response.status_code == 200, response.text
        return [p["name"] for p in response.json()["data"]]
    assert names() == [f"项目{i}" for i in (5, 4, 3, 2, 1, 0)]  # newest first
    assert names(sort="total_investment") == [f"项目{i}" for i in range(6)]
    assert names(sort="-total_investment", limit=2) == ["项目5", "项目4"]
    assert names(sort="id")[0] == "项目0" and names(sort="-updated_at")[0] == "项目2"
    assert names(enterprise_class="fortune500") == ["项目0"]
    third = client.get("/api/v1/enterprises", headers=office, params={"q": "企业3"}).json()["data"][0]["id"]
    assert names(enterprise_id=third) == ["项目3"]
    assert names(amount_min="2000", amount_max="3000", sort="total_investment") == ["项目1", "项目2"]
    assert names(amount_min="2000.01", amount_max="2999.99") == []
    assert len(names(credited_unit_id=unit(DEPT).id)) == 5 and "项目4" not in names(credited_unit_id=unit(DEPT).id)
    assert names(landing_unit_id=unit("ZONE-HTZ").id) == ["项目4"]
    assert len(names(unit_id=unit(GROUP).id)) == 6 and names(unit_id=unit(COUNTY).id) == []
    assert names(stage="negotiating") == ["项目3"] and names(status="submitted") == ["项目2"]
    assert names(cluster_id=cluster.id) == ["项目5"]
    assert names(four_new="new_technology", sort="id") == ["项目1", "项目3", "项目5"]
    assert names(advanced_class="medical_health", sort="id") == ["项目0", "项目1"]
    assert names(signed_from="2019-02-10", signed_to="2019-05-09", sort="id") == ["项目1", "项目2"]
    assert names(q="企业3") == ["项目3"] and names(q="项目1") == ["项目1"] and names(q="%") == []
    # the landing zone and the credited department see their share of the list; an unrelated county nothing
    assert names(token_for("dcf_editor"), sort="id") == ["项目0", "项目1", "项目2", "项目3", "项目5"]
    assert names(token_for("linqing_editor")) == []
    for bad in ({"sort": "signed_on"}, {"sort": "name"}, {"stage": "done"}, {"enterprise_class": "x"},
                {"amount_min": "abc"}, {"cursor": "garbage"}, {"limit": 201}):
        assert client.get("/api/v1/projects", headers=office, params=bad).status_code == 422, bad


def test_keyset_pages_cover_everything_once(client, token_for, six):
    office = token_for("office")
    for sort in ("total_investment", "-created_at", "id"):
        seen, cursor = [], None
        while True:
            params = {"limit": 4, "sort": sort, "with_total": True, **({"cursor": cursor} if cursor else {})}
            page = client.get("/api/v1/projects", headers=office, params=params).json()
            assert page["total"] == 6
            seen += [p["id"] for p in page["data"]]
            if not (cursor := page["next_cursor"]):
                break
        assert sorted(seen) == sorted(six[0].values()) and len(seen) == 6, sort


def test_list_query_count_does_not_grow_with_page_size(client, token_for, make_enterprise, unit, count_queries):
    editor = token_for("grp01_editor")
    for i in range(6):
        main, partner = make_enterprise(f"企业{i}"), make_enterprise(f"伙伴{i}")
        p = create(client, editor, main, unit, name=f"项目{i}", enterprise_ids=[main.id, partner.id]).json()
        report(client, token_for("dcf_editor"), p["id"], "2019-06", "10")
    counts = []
    for limit in (2, 6):
        with count_queries() as n:
            page = client.get("/api/v1/projects", headers=token_for("jxw_editor"), params={"limit": limit}).json()
            assert len(page["data"]) == limit and all(len(p["enterprises"]) == 2 for p in page["data"])
            assert all(p["funds_reported"] == "10.00" for p in page["data"])
        counts.append(n())
    assert counts[0] == counts[1]


def test_stage_dates_are_dates(client, token_for, ent, unit):
    bad = create(client, token_for("grp01_editor"), ent, unit, signed_on="2019-02-30")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "signed_on"
    assert date.fromisoformat(create(client, token_for("grp01_editor"), ent, unit).json()["signed_on"])
