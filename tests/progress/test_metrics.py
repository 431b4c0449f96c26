"""Each seeded target's figure against a number worked out by hand, including the ambiguous rules both ways."""

from datetime import date

from tests.progress.conftest import figure


def test_territorial_visits_count_verified_and_show_unverified(world, progress):
    for day in (1, 2, 3):
        world.visit("371502", date(2019, 3, day))
    world.visit("371502", date(2019, 3, 4), status="submitted")
    world.visit("371502", date(2019, 3, 5), status="draft")  # not reported: never counted
    world.visit("371502", date(2019, 3, 6), status="returned")
    world.visit("371581", date(2019, 3, 7))  # another county
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    assert (t14["actual"], t14["reported"], t14["unverified"], t14["threshold"]) == ("3.00", "4.00", "1.00", "100.00")
    assert t14["ratio"] == "0.0300" and t14["status"] == "missed" and t14["colour"] == "red"
    assert t14["trend"] == [{"month": "2019-03", "value": "3.00"}]
    assert figure(progress(2019), "T01")["actual"] == "4.00"  # the city: both counties' verified visits


def test_year_boundary_31_december_vs_1_january(world, progress):
    world.visit("371502", date(2019, 12, 31))
    world.visit("371502", date(2020, 1, 1))
    world.done()
    assert figure(progress(2019), "T14", "东昌府区")["actual"] == "1.00"
    assert figure(progress(2020), "T14", "东昌府区")["actual"] == "1.00"


def test_quarter_end_boundary(world, progress):
    world.visit("371502", date(2019, 3, 31))
    world.visit("371502", date(2019, 4, 1))
    world.done()
    q1 = figure(progress(2019, 1), "T14", "东昌府区")
    assert q1["actual"] == "1.00" and q1["window_end"] == "2019-03-31"
    assert q1["elapsed_ratio"] == "0.2466"  # 90 of 365 days: a yearly target read at the end of Q1
    assert figure(progress(2019, 2), "T14", "东昌府区")["actual"] == "2.00"  # year to date


def test_city_visits_with_and_without_county_visits(world, progress, set_rules):
    world.visit("371502", date(2019, 5, 1))
    world.visit("GRP-01", date(2019, 5, 2))
    world.visit("DEPT-JXW", date(2019, 5, 3))
    world.done()
    assert figure(progress(2019), "T01")["actual"] == "3.00"
    set_rules(city_visits_include_territorial=False)
    assert figure(progress(2019), "T01")["actual"] == "2.00"


def test_yi_boundary_exactly_10000_wanyuan(world, progress, set_rules):
    world.project("GRP-01", "10000.00", landing="371502", credits={"GRP-01": "100"}, signed_on=date(2019, 2, 1),
                  started_on=date(2019, 3, 1), name="恰好一亿")
    world.project("GRP-01", "9999.99", landing="371502", credits={"GRP-01": "100"}, signed_on=date(2019, 2, 1),
                  started_on=date(2019, 3, 1), name="差一分")
    world.done()
    assert figure(progress(2019), "T09", "新材料产业招商团组")["actual"] == "1.00"
    set_rules(yi_inclusive=False)
    assert figure(progress(2019), "T09", "新材料产业招商团组")["actual"] == "0.00"


def test_credit_shares_weighted_or_full(world, progress, set_rules):
    world.project("GRP-01", "20000", landing="371502", credits={"GRP-01": "33.33", "GRP-02": "66.67"},
                  signed_on=date(2019, 6, 1))
    world.done()
    assert figure(progress(2019), "T08", "新材料产业招商团组")["actual"] == "0.33"
    assert figure(progress(2019), "T08", "高端装备制造产业招商团组")["actual"] == "0.67"
    set_rules(credit_weighting="full")
    assert figure(progress(2019), "T08", "新材料产业招商团组")["actual"] == "1.00"


def test_territorial_attribution_landing_credit_or_both(world, progress, set_rules):
    big = world.enterprise("巨头", is_fortune500=True)
    world.project("GRP-01", "50000", landing="371502", credits={"371581": "50", "GRP-01": "50"}, ents=[big],
                  signed_on=date(2019, 2, 1), started_on=date(2019, 8, 1))
    world.done()

    def t05():
        body = progress(2019)
        return figure(body, "T05", "东昌府区")["actual"], figure(body, "T05", "临清市")["actual"]
    assert t05() == ("1.00", "0.00")  # default: by landing unit
    set_rules(territorial_attribution="credit")
    assert t05() == ("0.00", "0.50")
    set_rules(territorial_attribution="both")
    assert t05() == ("1.00", "0.50")


def test_landed_stage_rule(world, progress, set_rules):
    world.project("GRP-01", "30000", credits={"GRP-01": "100"}, signed_on=date(2019, 11, 1),
                  started_on=date(2020, 2, 1))
    world.done()
    assert figure(progress(2019), "T09", "新材料产业招商团组")["actual"] == "0.00"  # started 2020
    set_rules(landed_stage="signed")
    assert figure(progress(2019), "T09", "新材料产业招商团组")["actual"] == "1.00"


def test_china500_list_rule(world, progress, set_rules):
    private = world.enterprise("民企", is_china500=True, china500_list="中国民营企业500强")
    world.project("GRP-01", "20000", landing="371502", ents=[private], signed_on=date(2019, 1, 5),
                  started_on=date(2019, 1, 20))
    world.done()
    assert figure(progress(2019), "T05", "东昌府区")["actual"] == "1.00"
    set_rules(china500_lists=["中国企业500强"])
    assert figure(progress(2019), "T05", "东昌府区")["actual"] == "0.00"


def test_funds_target_per_unit_or_city_total(world, progress, set_rules):
    p = world.project("371502", "15000", landing="371502", signed_on=date(2018, 5, 1))
    world.funds(p, "371502", date(2018, 6, 1), "0.10")
    world.funds(p, "371502", date(2019, 6, 1), "0.20")
    world.funds(p, "371502", date(2019, 7, 1), "5.00", status="submitted")
    world.done()
    body = progress(2019)
    city, mine = figure(body, "T03"), figure(body, "T03U", "东昌府区")
    assert city["actual"] == "0.30" and city["unverified"] == "5.00"  # 0.10 + 0.20 exactly, over the plan
    assert mine["actual"] == "0.30" and mine["threshold"] is None and mine["status"] == "no_target"
    set_rules(funds_target_scope="per_unit")
    mine = figure(progress(2019), "T03U", "东昌府区")
    assert mine["threshold"] == "909090.91"  # 10,000,000 万元 shared by 11 counties and zones


def test_departments_funds_together_weighted(world, progress):
    p = world.project("DEPT-JXW", "8000", landing="371502", credits={"DEPT-JXW": "40", "GRP-01": "60"},
                      signed_on=date(2019, 1, 1))
    world.funds(p, "371502", date(2019, 3, 1), "2500.10")
    world.done()
    assert figure(progress(2019), "T04")["actual"] == "1000.04"  # 2500.10 × 40 %, a department's share


def test_four_new_investment_counts_each_project_once(world, progress, set_rules):
    world.project("GRP-01", "12345.67", landing="371502", credits={"GRP-01": "50", "371502": "50"},
                  four_new="new_technology", signed_on=date(2019, 9, 9))
    world.project("GRP-01", "1000", four_new=None, signed_on=date(2019, 9, 9))
    world.done()
    set_rules(territorial_attribution="both")
    assert figure(progress(2019), "T02")["actual"] == "12345.67"


def test_concentrated_events_each_region_or_any(world, progress, set_rules):
    world.event("OFFICE", date(2019, 4, 1), "concentrated", "jingjinji")
    world.event("OFFICE", date(2019, 5, 1), "concentrated", "jingjinji")
    world.event("OFFICE", date(2019, 6, 1), "concentrated", "yangtze_delta")
    world.event("OFFICE", date(2019, 7, 1), "concentrated", "other")  # not one of the three
    world.done()
    t10 = figure(progress(2019), "T10")
    assert t10["actual"] == "0.00" and t10["status"] == "missed"  # 珠三角 has none
    set_rules(events_each_region=False)
    assert figure(progress(2019), "T10")["actual"] == "3.00"


def test_group_promotion_events_and_chamber_leads(world, progress):
    world.event("GRP-03", date(2019, 10, 1), "promotion", "other")
    world.event("GRP-03", date(2019, 10, 2), "promotion", "other", status="submitted")
    for day in range(1, 6):
        world.lead("CHB-BJ", date(2019, 1, day))
    world.done()
    body = progress(2019)
    t11 = figure(body, "T11", "新能源汽车产业招商团组")
    assert (t11["actual"], t11["unverified"], t11["status"]) == ("1.00", "1.00", "ahead")
    assert figure(body, "T15", "北京聊城商会")["actual"] == "5.00"


def test_group_visits_to_top_classes(world, progress):
    world.visit("GRP-01", date(2019, 2, 1), world.enterprise("五百强", is_fortune500=True))
    world.visit("GRP-01", date(2019, 2, 2), world.enterprise("冠军", is_champion=True))
    world.visit("GRP-01", date(2019, 2, 3), world.enterprise("协会", is_association=True))
    world.visit("GRP-01", date(2019, 2, 4), world.enterprise("普通"))
    world.done()
    assert figure(progress(2019), "T07", "新材料产业招商团组")["actual"] == "3.00"


def test_rule_text_is_beside_the_figure_and_changes_with_the_rule(world, progress, set_rules):
    world.done()
    assert "≥1亿元" in figure(progress(2019), "T09", "新材料产业招商团组")["rule_zh"]
    set_rules(yi_inclusive=False)
    assert ">1亿元" in figure(progress(2019), "T09", "新材料产业招商团组")["rule_zh"]


def test_advanced_and_top_enterprise_projects_per_unit_and_city(world, progress):
    soe = world.enterprise("央企", is_central_soe=True)
    plain = world.enterprise("普通企业")
    # landed (started) in 2019 in 东昌府区: advanced + central SOE + ≥ 1 亿
    world.project("GRP-01", "10000", landing="371502", ents=[soe], advanced_class="medical_health",
                  signed_on=date(2019, 1, 1), started_on=date(2019, 2, 1))
    # advanced, small, in 临清市; started 2018 so only the plan (three-year) city figure counts it
    world.project("GRP-01", "500", landing="371581", ents=[plain], advanced_class="new_generation_it",
                  signed_on=date(2018, 3, 1), started_on=date(2018, 4, 1))
    # advanced but only signed: not landed under the default rule
    world.project("GRP-01", "800", landing="371502", ents=[plain], advanced_class="high_end_equipment",
                  signed_on=date(2019, 3, 1))
    world.done()
    body = progress(2019)
    assert figure(body, "T06", "东昌府区")["actual"] == "1.00" and figure(body, "T06", "临清市")["actual"] == "0.00"
    assert figure(body, "T06C")["actual"] == "2.00"  # 2018 + 2019 over the plan
    assert figure(body, "T05", "东昌府区")["actual"] == "1.00" and figure(body, "T05C")["actual"] == "1.00"


def test_department_visits_and_landed_projects(world, progress):
    for d in (1, 2, 3):
        world.visit("DEPT-CZJ", date(2019, 7, d))
    world.project("GRP-01", "12000", landing="371502", credits={"DEPT-CZJ": "50", "GRP-01": "50"},
                  signed_on=date(2018, 6, 1), started_on=date(2018, 9, 1))
    world.done()
    body = progress(2019)
    t12, t13 = figure(body, "T12", "市财政局"), figure(body, "T13", "市财政局")
    assert (t12["actual"], t12["status"]) == ("3.00", "ahead")
    assert t13["actual"] == "0.50"  # half the credit of a landed 1.2 亿 project, over the plan


def test_office_opens_a_new_plan_period_copying_targets(world, client, token_for):
    world.done()
    office = token_for("office")
    created = client.post("/api/v1/target-sets", headers=office, json={
        "code": "2021-2023", "name": "下一轮行动方案", "start_date": "2021-01-01", "end_date": "2023-12-31",
        "copy_from_id": client.get("/api/v1/target-sets", headers=office).json()["data"][0]["id"]})
    assert created.status_code == 201
    sets = {s["code"]: s for s in client.get("/api/v1/target-sets", headers=office).json()["data"]}
    assert len(sets["2021-2023"]["targets"]) == len(sets["2018-2020"]["targets"]) == 18
    bad = client.post("/api/v1/target-sets", headers=office, json={
        "code": "x", "name": "倒序", "start_date": "2023-01-01", "end_date": "2021-01-01"})
    assert bad.status_code == 422


OTHER_DEPARTMENTS = {"市财政局", "市国土资源局", "市人力资源和社会保障局", "市外事侨务办公室"}


def test_other_departments_targets_skip_lead_departments_until_the_office_says(world, progress, client, token_for,
                                                                              unit):
    """T12/T13 bind "其他市直部门": by default not the twelve departments leading an industry group. Which units a
    target binds is the office's to set, and the figures follow it."""
    for d in (1, 2, 3):
        world.visit("DEPT-JXW", date(2019, 7, d))
    world.done()
    body = progress(2019)
    for code in ("T12", "T13"):
        assert {i["unit_name"] for i in body["items"] if i["code"] == code} == OTHER_DEPARTMENTS
    t12 = world.target("T12")
    office = token_for("office")
    listed = client.get("/api/v1/target-sets", headers=office).json()["data"]
    public = next(x for s in listed for x in s["targets"] if x["id"] == t12.id)
    assert unit("DEPT-JXW").id in public["exempt_unit_ids"] and len(public["exempt_unit_ids"]) == 12

    changed = client.patch(f"/api/v1/targets/{t12.id}", headers=office, json={"exempt_unit_ids": []})
    assert changed.status_code == 200, changed.text
    assert changed.json()["exempt_unit_ids"] == []
    body = progress(2019)
    assert len({i["unit_name"] for i in body["items"] if i["code"] == "T12"}) == 16
    assert figure(body, "T12", "市经济和信息化委员会")["actual"] == "3.00"
    assert {i["unit_name"] for i in body["items"] if i["code"] == "T13"} == OTHER_DEPARTMENTS

    leave_out = client.patch(f"/api/v1/targets/{t12.id}", headers=office,
                             json={"exempt_unit_ids": [unit("DEPT-CZJ").id, unit("DEPT-CZJ").id]})
    assert leave_out.json()["exempt_unit_ids"] == [unit("DEPT-CZJ").id]
    assert "市财政局" not in {i["unit_name"] for i in progress(2019)["items"] if i["code"] == "T12"}


def test_only_units_of_the_targets_type_can_be_exempt(world, client, token_for, unit):
    world.done()
    t12, t01 = world.target("T12"), world.target("T01", "city")
    office = token_for("office")
    county = client.patch(f"/api/v1/targets/{t12.id}", headers=office, json={"exempt_unit_ids": [unit("371502").id]})
    assert county.status_code == 422 and county.json()["errors"][0]["field"] == "exempt_unit_ids"
    city = client.patch(f"/api/v1/targets/{t01.id}", headers=office, json={"exempt_unit_ids": [unit("DEPT-CZJ").id]})
    assert city.status_code == 422 and city.json()["type"] == "/problems/not-a-type-target"
    editor = client.patch(f"/api/v1/targets/{t12.id}", headers=token_for("dcf_editor"), json={"exempt_unit_ids": []})
    assert editor.status_code == 403
    assert client.patch(f"/api/v1/targets/{t12.id}", json={"exempt_unit_ids": []}).status_code == 401
    world.db.expire_all()
    assert len(world.target("T12").exempt_unit_ids) == 12
