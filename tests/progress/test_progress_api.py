"""Who sees which figures, drill-downs that match their figure to the record, ranking, funnel, targets."""

from datetime import date

from tests.progress.conftest import figure


def test_unit_staff_see_their_unit_and_the_city_only(world, progress, client, token_for, unit):
    world.visit("371502", date(2019, 3, 1))
    world.done()
    body = progress(2019, who="dcf_editor")
    units = {i["unit_name"] for i in body["items"]}
    assert units == {"东昌府区", None}
    other = client.get("/api/v1/progress", headers=token_for("dcf_editor"),
                       params={"year": 2019, "unit_id": unit("371581").id})
    assert other.status_code == 404
    assert client.get("/api/v1/progress/ranking", headers=token_for("dcf_editor"),
                      params={"year": 2019, "unit_type": "county"}).status_code == 403


def test_drilldown_lists_exactly_the_records_behind_the_figure(world, progress, client, token_for, unit):
    kept = [world.visit("371502", date(2019, 3, d)).id for d in (1, 2, 3)]
    world.visit("371502", date(2019, 3, 4), status="submitted")
    world.visit("371502", date(2020, 1, 1))
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    params = {"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id}
    d = client.get("/api/v1/progress/drilldown", headers=token_for("dcf_editor"), params=params).json()
    assert d["count"] == 3 and d["total"] == t14["actual"] and [r["id"] for r in d["data"]] == kept
    assert d["data"][0]["href"] == f"/api/v1/visits/{kept[0]}"
    listed = client.get("/api/v1/visits", headers=token_for("dcf_editor"), params={
        "date_from": "2019-01-01", "date_to": "2019-12-31", "status": "verified", "with_total": True}).json()
    assert listed["total"] == d["count"]  # the list endpoint with the same filters agrees
    with_unverified = client.get("/api/v1/progress/drilldown", headers=token_for("office"),
                                 params={**params, "verified_only": False}).json()
    assert with_unverified["total"] == t14["reported"] == "4.00"


def test_weighted_drilldown_sums_to_the_figure(world, progress, client, token_for, unit):
    p = world.project("GRP-01", "8000", landing="371502", credits={"DEPT-JXW": "40", "GRP-01": "60"},
                      signed_on=date(2019, 1, 1))
    world.funds(p, "371502", date(2019, 3, 1), "2500.10")
    world.funds(p, "371502", date(2019, 4, 1), "0.05")
    world.done()
    t04 = figure(progress(2019), "T04")
    d = client.get("/api/v1/progress/drilldown", headers=token_for("office"),
                   params={"year": 2019, "target_id": t04["target_id"]}).json()
    assert t04["actual"] == "1000.06" and d["total"] == "1000.06" and d["count"] == 2  # 2500.15 × 40 %


def test_city_drilldown_is_for_the_office_and_leaders(world, progress, client, token_for):
    world.done()
    t01 = figure(progress(2019), "T01")
    params = {"year": 2019, "target_id": t01["target_id"]}
    assert client.get("/api/v1/progress/drilldown", headers=token_for("dcf_editor"), params=params).status_code == 403
    assert client.get("/api/v1/progress/drilldown", headers=token_for("leader"), params=params).status_code == 200


def test_ranking_orders_units_by_ratio(world, client, token_for):
    for d in range(1, 4):
        world.visit("371581", date(2019, 2, d))
    world.visit("371502", date(2019, 2, 1))
    world.done()
    body = client.get("/api/v1/progress/ranking", headers=token_for("leader"),
                      params={"year": 2019, "unit_type": "territorial"}).json()
    t14 = next(t for t in body["by_target"] if t["code"] == "T14")
    assert [r["unit_name"] for r in t14["rows"][:2]] == ["临清市", "东昌府区"]
    assert t14["rows"][0]["ratio"] == "0.0300" and body["overall"][0]["unit_name"] == "临清市"


def test_status_uses_time_elapsed(world, progress, monkeypatch):
    from app.progress import routes

    monkeypatch.setattr(routes, "as_of_for", lambda year, quarter: date(2019, 7, 1))  # half the year gone
    for d in range(1, 29):
        world.visit("371502", date(2019, 2, d))  # 28 % of 100 by 1 July: behind time (~50 %)
    for d in range(1, 46):
        world.visit("371581", date(2019, 3, d % 28 + 1))  # 45 %: amber (≥ 80 % of time elapsed)
    for _ in range(60):
        world.visit("ZONE-ETDZ", date(2019, 4, 1))  # 60 %: on track
    world.done()
    body = progress(2019)
    assert figure(body, "T14", "东昌府区")["colour"] == "red"
    assert (figure(body, "T14", "临清市")["status"], figure(body, "T14", "临清市")["colour"]) == ("behind", "amber")
    assert figure(body, "T14", "聊城经济技术开发区")["status"] == "on_track"


def test_funnel_and_rates(world, client, token_for, unit, db):
    lead = world.lead("371502", date(2019, 1, 1))
    world.lead("371502", date(2019, 1, 2))
    v = world.visit("371502", date(2019, 1, 3))
    v.lead_id = lead.id
    p = world.project("371502", "1000", landing="371502", signed_on=date(2019, 2, 1), started_on=date(2019, 3, 1),
                      lead_id=lead.id)
    world.project("371502", "3000", landing="371502", signed_on=date(2019, 2, 1), stage="dropped")
    world.funds(p, "371502", date(2019, 4, 1), "400")
    world.done()
    f = client.get("/api/v1/progress/funnel", headers=token_for("dcf_editor"), params={"year": 2019}).json()
    assert [s["count"] for s in f["steps"]] == [2, 1, 1, 1]  # leads; of them visited; of those a project; signed
    assert [s["count"] for s in f["stages"]] == [2, 1, 0]  # signed in the year; of them started; in production
    assert (f["fulfilment_rate"], f["start_rate"], f["production_rate"]) == ("0.5000", "0.5000", "0.0000")
    assert f["funds_rate"] == "0.1000"  # 400 of 4,000 万元 signed


def test_each_funnel_step_is_a_subset_of_the_one_before(world, client, token_for):
    """A project from a lead nobody visited, and visits without a lead, do not make a later step outgrow an
    earlier one (the county that showed 线索 0 · 签约 13)."""
    unvisited = world.lead("371502", date(2019, 1, 1))
    world.project("371502", "1000", landing="371502", signed_on=date(2019, 2, 1), lead_id=unvisited.id)
    for d in (1, 2, 3):
        world.visit("371502", date(2019, 3, d))
    world.project("371502", "2000", landing="371502", signed_on=date(2019, 2, 2), in_production_on=date(2019, 6, 1))
    world.done()
    f = client.get("/api/v1/progress/funnel", headers=token_for("dcf_editor"), params={"year": 2019}).json()
    for chain in (f["steps"], f["stages"]):
        counts = [s["count"] for s in chain]
        assert counts == sorted(counts, reverse=True), chain
    assert [s["count"] for s in f["steps"]] == [1, 0, 0, 0]
    assert [s["count"] for s in f["stages"]] == [2, 0, 0]  # in production without a start date is not counted


def test_office_adjusts_one_units_threshold_with_history(world, progress, client, token_for, unit):
    world.done()
    office = token_for("office")
    sets = client.get("/api/v1/target-sets", headers=office).json()["data"]
    assert len(sets[0]["targets"]) == 18
    response = client.post(f"/api/v1/target-sets/{sets[0]['id']}/targets", headers=office, json={
        "code": "T14", "metric": "visits", "applies_to": "unit", "unit_id": unit("ZONE-JBSC").id, "threshold": "40",
        "period": "year", "title_zh": "旅游度假区走访目标调整为40家"})
    assert response.status_code == 201
    assert figure(progress(2019), "T14", "江北水城旅游度假区")["threshold"] == "40.00"
    assert figure(progress(2019), "T14", "东昌府区")["threshold"] == "100.00"
    history = client.get("/api/v1/audit-events", headers=office, params={"entity": "target"}).json()["data"]
    assert history[0]["after"]["threshold"] == "40.00" and history[0]["actor_name"] == "office"


def test_rules_are_versioned(client, token_for, set_rules):
    set_rules(yi_inclusive=False)
    set_rules(yi_inclusive=True, landed_stage="signed")
    versions = client.get("/api/v1/rules/versions", headers=token_for("leader")).json()["data"]
    assert [v["rules"]["landed_stage"] for v in versions[:2]] == ["signed", "started"]
    current = client.get("/api/v1/rules", headers=token_for("dcf_editor")).json()
    assert current["id"] == versions[0]["id"] and "过亿元" in current["descriptions"]["yi_inclusive"]
    bad = client.post(
        "/api/v1/rules", headers=token_for("office"), json={"rules": {"landed_stage": "x"}, "reason": "r"}
    )
    assert bad.status_code == 422
    assert client.post("/api/v1/rules", headers=token_for("dcf_editor"),
                       json={"rules": {}, "reason": "r"}).status_code == 403


def test_year_outside_the_plan_is_a_clear_error(world, client, token_for):
    world.done()
    response = client.get("/api/v1/progress", headers=token_for("office"), params={"year": 2025})
    assert response.status_code == 422 and "不在目标方案" in response.json()["detail"]


def test_drilldown_pages_keep_count_and_total(world, progress, client, token_for, unit):
    ids = [world.visit("371502", date(2019, 3, d % 3 + 1)).id for d in range(7)]
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    params = {"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id, "limit": 3}
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/progress/drilldown", headers=token_for("office"),
                          params={**params, **({"cursor": cursor} if cursor else {})}).json()
        assert page["count"] == 7 and page["total"] == "7.00"
        seen += [r["id"] for r in page["data"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 7


def test_cached_progress_follows_every_change(world, progress, db):
    from app.progress import cache

    world.visit("371502", date(2019, 3, 1))
    world.done()
    assert figure(progress(2019), "T14", "东昌府区")["actual"] == "1.00"
    hits = cache.stats["hits"]
    assert figure(progress(2019), "T14", "东昌府区")["actual"] == "1.00"
    assert cache.stats["hits"] == hits + 1  # nothing changed: answered from the cache
    world.visit("371502", date(2019, 3, 2))
    world.done()
    assert figure(progress(2019), "T14", "东昌府区")["actual"] == "2.00"  # any write moves the chain head


def test_metric_registry_states_each_rule_as_currently_set(client, token_for, set_rules):
    metrics = {
        m["key"]: m for m in client.get("/api/v1/progress/metrics", headers=token_for("dcf_viewer")).json()["data"]
    }
    assert metrics["funds_yi_projects"]["value_kind"] == "money" and metrics["visits"]["value_kind"] == "count"
    assert metrics["funds_yi_projects"]["record_type"] == "funds_report"
    assert "总投资≥1亿元" in metrics["landed_yi_projects"]["rule_zh"]
    set_rules(yi_inclusive=False)
    again = {m["key"]: m for m in client.get("/api/v1/progress/metrics", headers=token_for("office")).json()["data"]}
    assert "总投资>1亿元" in again["landed_yi_projects"]["rule_zh"]


def test_a_cache_of_no_entries_keeps_no_answers(db):
    from app.progress import cache

    computed = []
    cache.configure(0)
    try:
        for _ in range(2):
            assert cache.cached(db, ("probe",), lambda: computed.append(1) or "answer") == "answer"
        assert len(computed) == 2
    finally:
        cache.configure(64)
    for _ in range(2):
        cache.cached(db, ("probe",), lambda: computed.append(1) or "answer")
    assert len(computed) == 3  # kept again once entries are allowed
