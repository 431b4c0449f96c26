"""The office's queue and bulk verify / return, all or nothing; the conflicts list."""

from datetime import date

import pytest


@pytest.fixture
def submitted(client, token_for, make_enterprise):
    """Three visits submitted by 东昌府区, one by the office itself."""
    ent = make_enterprise("海尔集团公司")
    ids = []
    for who, day in (("dcf_editor", 1), ("dcf_editor", 2), ("dcf_editor", 3), ("office", 4)):
        headers = token_for(who)
        vid = client.post("/api/v1/visits", headers=headers, json={
            "enterprise_id": ent.id, "visit_date": f"2019-05-0{day}", "region": "other"}).json()["id"]
        client.post(f"/api/v1/visits/{vid}/transitions", headers=headers, json={"action": "submit"})
        ids.append(vid)
    return ids


def test_queue_lists_submitted_records_oldest_first(client, token_for, submitted):
    body = client.get("/api/v1/verification/queue", headers=token_for("office")).json()
    assert [i["id"] for i in body["data"]] == submitted and body["counts"]["visit"] == 4
    assert body["data"][0]["title"] == "走访 海尔集团公司（2019-05-01）" and body["data"][0]["unit_name"] == "东昌府区"
    assert [i["can_review"] for i in body["data"]] == [True, True, True, False]  # the office's own
    other_clerk = client.get("/api/v1/verification/queue", headers=token_for("office2")).json()
    assert other_clerk["data"][3]["can_review"] is True
    page = client.get("/api/v1/verification/queue", headers=token_for("office"), params={"limit": 3}).json()
    rest = client.get("/api/v1/verification/queue", headers=token_for("office"),
                      params={"cursor": page["next_cursor"]}).json()
    assert [i["id"] for i in page["data"] + rest["data"]] == submitted
    assert client.get("/api/v1/verification/queue", headers=token_for("dcf_editor")).status_code == 403
    assert client.get("/api/v1/verification/queue").status_code == 401


def test_queue_newest_first_pages_across_types_and_counts_by_unit(client, token_for, submitted):
    linqing = token_for("linqing_editor")
    events = []
    for day in (6, 7):
        eid = client.post("/api/v1/events", headers=linqing, json={"kind": "promotion", "title": f"推介会{day}",
                                                                "event_date": f"2019-05-0{day}", "region": "other"})
        eid = eid.json()["id"]
        assert client.post(f"/api/v1/events/{eid}/transitions", headers=linqing,
                           json={"action": "submit"}).status_code == 200
        events.append(("event", eid))
    office = token_for("office")
    everything = [("visit", i) for i in submitted] + events  # in the order they were submitted
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/verification/queue", headers=office,
                          params={"order": "newest", "limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [(i["record_type"], i["id"]) for i in page["data"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == everything[::-1]

    by_unit = client.get("/api/v1/verification/queue/by-unit", headers=office).json()["data"]
    assert [(u["unit_name"], u["counts"], u["total"]) for u in by_unit] == [
        ("东昌府区", {"visit": 3}, 3), ("临清市", {"event": 2}, 2),
        ("聊城市新旧动能转换产业招商领导小组办公室", {"visit": 1}, 1)]
    only_events = client.get("/api/v1/verification/queue/by-unit", headers=office, params={"record_type": "event"})
    assert [u["unit_name"] for u in only_events.json()["data"]] == ["临清市"]
    assert client.get("/api/v1/verification/queue/by-unit", headers=linqing).status_code == 403
    assert client.get("/api/v1/verification/queue", headers=office, params={"order": "sideways"}).status_code == 422


def items(client, token_for, ids):
    queue = {i["id"]: i for i in client.get("/api/v1/verification/queue", headers=token_for("office")).json()["data"]}
    return [{"record_type": "visit", "id": i, "version": queue[i]["version"]} for i in ids]


def test_bulk_verify(client, token_for, submitted):
    response = client.post("/api/v1/verification/bulk", headers=token_for("office"),
                           json={"action": "verify", "items": items(client, token_for, submitted[:3])})
    assert response.status_code == 200, response.text
    assert {r["status"] for r in response.json()["data"]} == {"verified"}
    history = client.get("/api/v1/audit-events", headers=token_for("office"),
                         params={"entity": "visit", "entity_id": submitted[0]}).json()["data"]
    assert history[0]["action"] == "verify" and history[0]["actor_name"] == "office"


def test_bulk_is_all_or_nothing(client, token_for, submitted):
    batch = items(client, token_for, submitted)  # the last one is the office's own
    refused = client.post("/api/v1/verification/bulk", headers=token_for("office"), json={"action": "verify",
                                                                                      "items": batch})
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "items.3"
    still = client.get("/api/v1/verification/queue", headers=token_for("office")).json()["counts"]["visit"]
    assert still == 4  # nothing was verified


def test_bulk_refuses_a_record_changed_since_the_queue_was_read(client, token_for, submitted):
    batch = items(client, token_for, submitted[:2])
    client.post(
        f"/api/v1/visits/{submitted[1]}/transitions", headers=token_for("dcf_editor"), json={"action": "withdraw"}
    )
    client.post(
        f"/api/v1/visits/{submitted[1]}/transitions", headers=token_for("dcf_editor"), json={"action": "submit"}
    )
    refused = client.post("/api/v1/verification/bulk", headers=token_for("office"), json={"action": "verify",
                                                                                      "items": batch})
    assert refused.status_code == 409 and "版本" in refused.json()["errors"][0]["message"]


def test_bulk_return_needs_a_reason(client, token_for, submitted):
    batch = items(client, token_for, submitted[:2])
    assert client.post("/api/v1/verification/bulk", headers=token_for("office"),
                       json={"action": "return", "items": batch}).status_code == 422
    done = client.post("/api/v1/verification/bulk", headers=token_for("office"),
                       json={"action": "return", "reason": "缺少走访成果", "items": batch})
    assert {r["status"] for r in done.json()["data"]} == {"returned"}
    visit = client.get(f"/api/v1/visits/{submitted[0]}", headers=token_for("dcf_editor")).json()
    assert visit["return_reason"] == "缺少走访成果"


def test_queue_query_count_does_not_grow(client, token_for, submitted, count_queries):
    counts = []
    for limit in (1, 4):
        with count_queries() as n:
            client.get("/api/v1/verification/queue", headers=token_for("office"), params={"limit": limit})
        counts.append(n())
    assert counts[0] == counts[1]


# ---- conflicts ----------------------------------------------------------------------------------------

def make_project(db, unit, ent, owner, name, total, *, signed, cluster=1):
    from app.projects.models import Project, ProjectEnterprise

    p = Project(unit_id=unit(owner).id, name=name, total_investment=total, signed_on=signed, stage="signed",
                cluster_id=cluster)
    db.add(p)
    db.flush()
    db.add(ProjectEnterprise(project_id=p.id, enterprise_id=ent.id))
    db.commit()
    return p


def conflicts(client, token_for, **params):
    return client.get("/api/v1/conflicts", headers=token_for("office"), params=params).json()["data"]


def test_two_units_claiming_one_enterprise_within_180_days(client, token_for, db, unit, make_enterprise):
    ent = make_enterprise("华为技术有限公司")
    a = make_project(db, unit, ent, "371502", "数据中心", 50000, signed=date(2019, 1, 1), cluster=2)
    b = make_project(db, unit, ent, "371581", "智慧城市", 8000, signed=date(2019, 6, 30), cluster=3)  # 180 days
    make_project(db, unit, ent, "ZONE-ETDZ", "研发中心", 9000, signed=date(2020, 1, 1), cluster=4)  # 185 days later
    found = conflicts(client, token_for)
    assert [(c["kind"], [r["id"] for r in c["records"]]) for c in found] == [("enterprise_multi_unit", [a.id, b.id])]


def test_same_project_claimed_twice(client, token_for, db, unit, make_enterprise):
    ent = make_enterprise("信发集团有限公司")
    a = make_project(db, unit, ent, "371502", "信发铝业升级项目", 10000, signed=date(2019, 1, 1))
    b = make_project(db, unit, ent, "371502", "信发铝业升级项目（二期）", 9000, signed=date(2019, 2, 1))
    make_project(db, unit, ent, "371502", "信发铝业升级", 8990, signed=date(2019, 3, 1))  # 10.1 % below 10,000
    kinds = {(c["kind"], tuple(r["id"] for r in c["records"])) for c in conflicts(client, token_for)}
    assert ("duplicate_project", (a.id, b.id)) in kinds
    assert all(c[0] == "duplicate_project" for c in kinds)
    assert len(kinds) == 2  # (a, b) and (b, c): 9,000 vs 8,990 is within 10 %


def test_duplicate_enterprises_and_decisions(client, token_for, make_enterprise, db):
    from app.enterprises.service import set_former_names

    a = make_enterprise("鲁西化工集团股份有限公司", name_norm="鲁西化工")
    b = make_enterprise("鲁西化工有限公司", name_norm="鲁西化工", name_seq=1)  # a confirmed namesake
    c = make_enterprise("聊城新材料公司", name_norm="聊城新材料")
    d = make_enterprise("阳谷华泰", name_norm="阳谷华泰")
    set_former_names(d, ["聊城新材料有限公司"])
    db.add(d)
    db.commit()
    found = conflicts(client, token_for)
    pairs = {tuple(r["id"] for r in x["records"]) for x in found}
    assert pairs == {(a.id, b.id), (c.id, d.id)}
    key = next(x["key"] for x in found if x["records"][0]["id"] == a.id)
    office = token_for("office")
    assert client.post("/api/v1/conflicts/decisions", headers=token_for("dcf_editor"),
                       json={"key": key, "decision": "not_a_conflict", "reason": "x"}).status_code == 403
    decided = client.post("/api/v1/conflicts/decisions", headers=office,
                          json={"key": key, "decision": "not_a_conflict", "reason": "两家独立法人，经核实"})
    assert decided.status_code == 201 and decided.json()["decided_by"] == "office"
    assert len(conflicts(client, token_for)) == 1
    assert len(conflicts(client, token_for, include_decided=True)) == 2
    assert client.post("/api/v1/conflicts/decisions", headers=office,
                       json={"key": key, "decision": "merged", "reason": "x"}).status_code == 409
    unknown = {"key": "duplicate_enterprise:1-999", "decision": "merged", "reason": "x"}
    assert client.post("/api/v1/conflicts/decisions", headers=office, json=unknown).status_code == 404


def test_conflicts_query_count_does_not_grow(client, token_for, db, unit, make_enterprise, count_queries):
    counts = []
    for n_projects in (2, 8):
        ent = make_enterprise(f"企业{n_projects}")
        for i in range(n_projects):
            make_project(db, unit, ent, "371502" if i % 2 else "371581", f"项目{n_projects}-{i}", 100 + i,
                         signed=date(2019, 1, 1 + i))
        with count_queries() as n:
            conflicts(client, token_for)
        counts.append(n())
    assert counts[0] == counts[1]


# ---- segregation of duties: by the record's history, not only its creator ------------------------------

def _event(client, headers, **body):
    return client.post("/api/v1/events", headers=headers, json={
        "kind": "concentrated", "title": "重点项目集中招商活动", "event_date": "2019-10-10", "region": "jingjinji",
        **body})


def _move(client, headers, eid, action):
    return client.post(f"/api/v1/events/{eid}/transitions", headers=headers, json={"action": action})


def _queue_flags(client, headers, eid):
    return {i["id"]: i["can_review"] for i in client.get("/api/v1/verification/queue", headers=headers,
                                                          params={"record_type": "event"}).json()["data"]}[eid]


def assert_segregation(response):
    assert response.status_code == 403, response.text
    assert response.json()["type"] == "/problems/segregation-of-duties"
    assert "职责分离" in response.json()["detail"]


def test_a_clerk_who_rewrote_and_submitted_a_colleagues_draft_may_not_verify_it(client, token_for):
    office, office2, office3 = token_for("office"), token_for("office2"), token_for("office3")
    eid = _event(client, office2).json()["id"]
    rewritten = client.patch(f"/api/v1/events/{eid}", headers={**office, "If-Match": "*"},
                             json={"title": "办公室重写的活动"})
    assert rewritten.status_code == 200
    assert _move(client, office, eid, "submit").json()["status"] == "submitted"
    assert_segregation(_move(client, office, eid, "verify"))
    assert_segregation(_move(client, office2, eid, "verify"))  # its creator
    assert_segregation(_move(client, office, eid, "return"))
    assert (_queue_flags(client, office, eid), _queue_flags(client, office2, eid)) == (False, False)
    assert _queue_flags(client, office3, eid) is True
    version = client.get(f"/api/v1/events/{eid}", headers=office).json()["version"]
    bulk = client.post("/api/v1/verification/bulk", headers=office, json={
        "action": "verify", "items": [{"record_type": "event", "id": eid, "version": version}]})
    assert bulk.status_code == 409 and "职责分离" in bulk.json()["errors"][0]["message"]
    assert _move(client, office3, eid, "verify").json()["status"] == "verified"


def test_an_office_record_a_city_wide_client_entered_is_not_verified_by_its_submitter(client, token_for,
                                                                                      make_api_client, unit):
    city = make_api_client(["records:read", "records:write"])[2]
    entered = _event(client, city, unit_id=unit("OFFICE").id)
    assert entered.status_code == 201
    eid = entered.json()["id"]
    office = token_for("office")
    assert _move(client, office, eid, "submit").json()["status"] == "submitted"
    assert_segregation(_move(client, office, eid, "verify"))
    assert _queue_flags(client, office, eid) is False
    assert _move(client, token_for("office2"), eid, "verify").json()["status"] == "verified"
