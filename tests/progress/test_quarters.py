"""Quarter close: a frozen snapshot, its hash, adjustments beside it, the dispatch report and the assessment."""

import hashlib
from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from tests.progress.conftest import figure


def close(client, token_for, year=2019, quarter=4, who="office"):
    return client.post("/api/v1/quarters", headers=token_for(who), json={"year": year, "quarter": quarter})


def test_frozen_snapshot_does_not_change_after_edits(world, client, token_for, db, progress):
    visit = world.visit("371502", date(2019, 12, 31))
    world.done()
    snap = close(client, token_for).json()
    assert figure(snap, "T14", "东昌府区")["actual"] == "1.00"
    visit.visit_date = date(2019, 11, 1)
    world.visit("371502", date(2019, 12, 30))
    visit.status = "returned"
    db.commit()
    again = client.get(f"/api/v1/quarters/{snap['id']}", headers=token_for("leader")).json()
    assert figure(again, "T14", "东昌府区")["actual"] == "1.00" and again["hash_ok"] is True
    assert again["content_hash"] == snap["content_hash"]
    assert figure(progress(2019), "T14", "东昌府区")["actual"] == "1.00"  # live: one returned, one new


def test_hash_is_sha256_of_the_stored_content(world, client, token_for, db):
    from app.quarters.models import Snapshot

    world.done()
    sid = close(client, token_for).json()["id"]
    snap = db.get(Snapshot, sid)
    assert hashlib.sha256(snap.content.encode()).hexdigest() == snap.content_hash
    snap.content = snap.content.replace('"actual":"0.00"', '"actual":"9.00"', 1)
    db.commit()
    assert client.get(f"/api/v1/quarters/{sid}", headers=token_for("office")).json()["hash_ok"] is False


def test_close_rules(world, client, token_for):
    world.done()
    assert close(client, token_for, who="dcf_editor").status_code == 403
    assert close(client, token_for).status_code == 201
    assert close(client, token_for).status_code == 409
    assert close(client, token_for, year=2099, quarter=1).status_code == 422


def test_snapshot_keeps_the_rule_version_it_used(world, client, token_for, set_rules):
    world.project("GRP-01", "10000", credits={"GRP-01": "100"}, signed_on=date(2019, 1, 1), started_on=date(2019, 1, 2))
    world.done()
    snap = close(client, token_for).json()
    assert figure(snap, "T09", "新材料产业招商团组")["actual"] == "1.00" and snap["rules"]["yi_inclusive"] is True
    set_rules(yi_inclusive=False)
    again = client.get(f"/api/v1/quarters/{snap['id']}", headers=token_for("office")).json()
    assert figure(again, "T09", "新材料产业招商团组")["actual"] == "1.00"
    assert again["rule_version_id"] == snap["rule_version_id"]


def test_adjustments_are_approved_by_another_clerk_and_shown_beside(world, client, token_for, unit):
    world.done()
    snap = close(client, token_for).json()
    t14 = figure(snap, "T14", "东昌府区")
    url = f"/api/v1/quarters/{snap['id']}/adjustments"
    adj = client.post(url, headers=token_for("office"), json={
        "target_id": t14["target_id"], "unit_id": unit("371502").id, "delta": "2", "reason": "漏报两次走访",
        "effective_on": "2020-01-15"}).json()
    decide = f"{url}/{adj['id']}/decision"
    assert client.post(decide, headers=token_for("office"), json={"decision": "approve"}).status_code == 403
    approved = client.post(decide, headers=token_for("office2"), json={"decision": "approve"})
    assert approved.json()["status"] == "approved"
    after = client.get(f"/api/v1/quarters/{snap['id']}", headers=token_for("office")).json()
    item = figure(after, "T14", "东昌府区")
    assert (item["actual"], item["adjustment_total"], item["adjusted_actual"]) == ("0.00", "2.00", "2.00")
    assert after["hash_ok"] is True and after["adjustments"][0]["reason"] == "漏报两次走访"


def test_dispatch_report_workbook(world, client, token_for, db, unit):
    from app.units.models import Unit

    evil = db.get(Unit, unit("371581").id)
    evil.name_zh = '=HYPERLINK("http://evil.example","点我")'
    world.visit("371502", date(2019, 5, 1))
    world.done()
    sid = close(client, token_for).json()["id"]
    response = client.get(f"/api/v1/quarters/{sid}/report.xlsx", headers=token_for("leader"))
    assert response.status_code == 200 and "dispatch-2019Q4.xlsx" in response.headers["content-disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["汇总", "排名-县区和开发区", "排名-产业团组", "排名-市直部门", "排名-商会", "未达进度单位",
                             "明细", "调整", "说明"]
    summary = wb["汇总"]
    assert summary["A1"].value == "聊城市招商引资工作调度通报（2019年第4季度）"
    t01 = next(row for row in summary.iter_rows(min_row=4, values_only=True) if row[0].startswith("全市每年走访"))
    assert t01[1:4] == ("个", 1, 1000) and t01[6] == "未完成"
    detail = {(r[0], r[1]): r for r in wb["明细"].iter_rows(min_row=4, values_only=True)}
    assert detail[("东昌府区", "T14")][4] == 1
    evil_cells = [c for row in wb["明细"].iter_rows(min_row=4) for c in row if c.value and str(c.value).startswith("=")]
    assert evil_cells and all(c.data_type == "s" for c in evil_cells)
    behind = [r[0] for r in wb["未达进度单位"].iter_rows(min_row=4, values_only=True)]
    assert "东昌府区" in behind
    html = client.get(f"/api/v1/quarters/{sid}/report.html", headers=token_for("office")).text
    assert "调度通报" in html and "<script" not in html
    assert "=HYPERLINK(&quot;http://evil.example&quot;" in html  # escaped, behind-target unit listed


def test_annual_assessment_from_q4_with_working_and_veto(world, client, token_for, unit):
    big = world.enterprise("巨头", is_fortune500=True)
    world.project("GRP-01", "20000", landing="371502", ents=[big], signed_on=date(2019, 3, 1),
                  started_on=date(2019, 4, 1), advanced_class="medical_health")
    for d in range(1, 51):
        world.visit("371502", date(2019, 6, d % 28 + 1))
    world.done()
    office = token_for("office")
    assert client.get("/api/v1/assessment/2019", headers=office).status_code == 422  # Q4 not closed
    close(client, token_for)
    client.put("/api/v1/assessment/2019/scheme", headers=office, json={"weights": {"T05": "2", "T06": "1", "T14": "1"},
                                                                     "cap": "1.2", "bonus_per_target_met": "5"})
    result = client.get("/api/v1/assessment/2019", headers=office).json()
    dcf = next(r for r in result["results"] if r["unit_name"] == "东昌府区")
    # T05: 1/1 → 1 (×2); T06: 1/3 → 0.3333 (×1); T14: 50/100 → 0.5 (×1): (2 + 0.3333 + 0.5) / 4 × 100 + 5 × 1
    assert dcf["base_score"] == "75.83" and dcf["rank"] == 1 and len(dcf["working"]) == 3
    veto = client.post("/api/v1/assessment/2019/vetoes", headers=office,
                       json={"unit_id": unit("371502").id, "reason": "发生重大安全生产事故"})
    assert veto.status_code == 201
    dcf = next(r for r in client.get("/api/v1/assessment/2019", headers=office).json()["results"]
               if r["unit_name"] == "东昌府区")
    assert dcf["score"] == "0.00" and dcf["veto_reason"] == "发生重大安全生产事故"
    again = client.post("/api/v1/assessment/2019/vetoes", headers=office,
                        json={"unit_id": unit("371502").id, "reason": "重复"})
    assert again.status_code == 409
    lift = f"/api/v1/assessment/2019/vetoes/{unit('371502').id}/lift"
    assert client.post(lift, headers=office, json={}).status_code == 422  # a reason is required
    lifted = client.post(lift, headers=office, json={"reason": "经复核，事故不属本单位责任"})
    assert lifted.status_code == 200 and lifted.json()["lift_reason"] == "经复核，事故不属本单位责任"
    dcf = next(r for r in client.get("/api/v1/assessment/2019", headers=office).json()["results"]
               if r["unit_name"] == "东昌府区")
    assert dcf["score"] == "75.83" and dcf["veto_reason"] is None
    assert client.post(lift, headers=office, json={"reason": "再次"}).status_code == 404  # nothing left to lift
    history = client.get("/api/v1/audit-events", headers=office, params={"entity": "assessment_veto"}).json()["data"]
    assert history[0]["action"] == "lift_veto" and history[0]["after"]["lift_reason"] == "经复核，事故不属本单位责任"
    reset = client.post("/api/v1/assessment/2019/vetoes", headers=office,
                        json={"unit_id": unit("371502").id, "reason": "再次发生事故"})
    assert reset.status_code == 201 and reset.json()["lifted_at"] is None
