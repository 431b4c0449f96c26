"""Notices created by what the office does: return, verify, reopen, a merge, a suspected double claim."""

from datetime import date

from app.events.models import Event, EventEnterprise
from app.leads.models import Lead
from app.notices import triggers
from app.visits.models import Visit
from tests.projects.helpers import create_project

TITLE = "走访 海尔集团公司（2019-05-01）"


def move(client, headers, vid, action, reason=None):
    response = client.post(f"/api/v1/visits/{vid}/transitions", headers=headers,
                           json={"action": action, **({"reason": reason} if reason else {})})
    assert response.status_code == 200, response.text


def test_returning_a_record_notifies_exactly_the_units_editors_with_reason_and_link(
        client, token_for, visit_submitted, notices):
    assert notices() == {}  # submitting notifies nobody
    move(client, token_for("office"), visit_submitted, "return", "企业名称有误")
    assert notices() == {"dcf_editor": [("record_returned", f"{TITLE} 被退回", "原因：企业名称有误", "visit",
                                         visit_submitted)]}  # not the viewer, not the office, not another unit


def test_verify_and_reopen_notify_and_the_reason_comes_along(client, token_for, visit_submitted, notices):
    office = token_for("office")
    move(client, office, visit_submitted, "verify")
    move(client, office, visit_submitted, "reopen", "金额需核对")
    assert [n[:3] for n in notices()["dcf_editor"]] == [
        ("record_verified", f"{TITLE} 已核实", ""), ("record_reopened", f"{TITLE} 被重新打开", "原因：金额需核对")]
    assert set(notices()) == {"dcf_editor"}


def test_the_office_reviewing_another_clerks_record_does_not_notify_the_reviewer(client, token_for, make_enterprise,
                                                                                 notices):
    ent = make_enterprise("海尔集团公司")
    vid = client.post("/api/v1/visits", headers=token_for("office"), json={
        "enterprise_id": ent.id, "visit_date": "2019-05-01", "region": "other"}).json()["id"]
    move(client, token_for("office"), vid, "submit")
    move(client, token_for("office2"), vid, "return", "补充走访内容")
    assert set(notices()) == {"office", "office3"}  # the office unit's other clerks; never the one who returned it


def test_a_merge_tells_each_unit_how_many_of_its_records_moved(client, token_for, db, unit, make_enterprise, notices):
    keep, dup = make_enterprise("中国建材集团有限公司"), make_enterprise("中国建材集团股份有限公司")
    dcf, linqing = unit("371502").id, unit("371581").id
    db.add_all([Visit(unit_id=dcf, enterprise_id=dup.id, visit_date=date(2019, 1, 1), region="other"),
                Lead(unit_id=dcf, enterprise_id=dup.id, source="chamber", received_on=date(2019, 1, 1)),
                Visit(unit_id=linqing, enterprise_id=keep.id, visit_date=date(2019, 1, 1), region="other")])
    event = Event(unit_id=linqing, kind="other", title="会", event_date=date(2019, 2, 1), region="other")
    db.add(event)
    db.flush()
    db.add(EventEnterprise(event_id=event.id, enterprise_id=dup.id))
    db.commit()
    merged = client.post(f"/api/v1/enterprises/{dup.id}/merge", headers=token_for("office"),
                         json={"into_id": keep.id, "reason": "同一家企业"})
    assert merged.status_code == 200, merged.text
    got = notices()
    assert set(got) == {"dcf_editor", "linqing_editor"}
    body = "本单位 2 条记录（线索、走访、活动、项目）已改为关联“中国建材集团有限公司”。合并原因：同一家企业"
    assert got["dcf_editor"] == [("enterprise_merged", "企业“中国建材集团股份有限公司”已合并到“中国建材集团有限公司”",
                                  body, "enterprise", keep.id)]
    assert "本单位 1 条记录" in got["linqing_editor"][0][2]


def test_a_suspected_double_claim_is_announced_once_to_both_units(client, token_for, db, unit, make_enterprise,
                                                                  notices):
    ent = make_enterprise("中国重汽集团有限公司")
    group = create_project(client, token_for("grp01_editor"), ent, unit).json()["id"]
    county = client.post("/api/v1/projects", headers=token_for("linqing_editor"), json={
        "name": "重卡零部件", "enterprise_ids": [ent.id], "total_investment": "100", "stage": "signed",
        "signed_on": "2019-06-01", "landing_unit_id": unit("371581").id})
    assert county.status_code == 201, county.text
    triggers.announce_conflicts(db)
    triggers.announce_conflicts(db)  # the next hour: nothing new
    db.commit()
    got = notices("conflict_raised")
    assert {u: [(n[3], n[4]) for n in ns] for u, ns in got.items()} == {
        "grp01_editor": [("project", group)], "linqing_editor": [("project", county.json()["id"])]}
    assert got["linqing_editor"][0][1] == "项目“重卡零部件”疑似重复申报"
