"""Projects: stages, credit shares, landing unit, who sees and who edits; funds in place within the total."""

import pytest


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国重汽集团有限公司", is_central_soe=True)


def project_body(ent, unit, **extra):
    return {"name": "重卡新能源零部件项目", "enterprise_ids": [ent.id], "total_investment": "25000.50",
            "landing_unit_id": unit("371502").id, "four_new": "new_industry", "advanced_class": "high_end_equipment",
            "stage": "signed", "signed_on": "2019-05-20",
            "credits": [{"unit_id": unit("GRP-01").id, "share": "60"}, {"unit_id": unit("DEPT-JXW").id, "share": "40"}],
            **extra}


def create(client, headers, ent, unit, **extra):
    return client.post("/api/projects", headers=headers, json=project_body(ent, unit, **extra))


def test_group_enters_a_project_the_county_and_department_see_it(client, token_for, ent, unit):
    response = create(client, token_for("grp01_editor"), ent, unit)
    assert response.status_code == 201, response.text
    p = response.json()
    assert p["total_investment"] == "25000.50" and p["stage"] == "signed" and p["negotiating_on"] == "2019-05-20"
    assert [c["share"] for c in p["credits"]] == ["60.00", "40.00"]
    for who in ("dcf_editor", "jxw_editor", "office", "leader"):  # landing, credited, city
        assert client.get(f"/api/projects/{p['id']}", headers=token_for(who)).status_code == 200, who
    assert client.get(f"/api/projects/{p['id']}", headers=token_for("linqing_editor")).status_code == 404
    edit = client.patch(f"/api/projects/{p['id']}", headers={**token_for("dcf_editor"), "If-Match": "*"},
                        json={"name": "改名"})
    assert edit.status_code == 403  # the landing county sees it but the group owns it


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403)])
def test_who_may_not_create(client, headers_for, ent, unit, who, status):
    assert create(client, headers_for(who), ent, unit).status_code == status


@pytest.mark.parametrize("shares", [["60", "39.99"], ["60", "40.01"], ["100", "0.01"]])
def test_credit_shares_must_add_to_100(client, token_for, ent, unit, shares):
    credits = [{"unit_id": unit("GRP-01").id, "share": shares[0]}, {"unit_id": unit("DEPT-JXW").id, "share": shares[1]}]
    response = create(client, token_for("grp01_editor"), ent, unit, credits=credits)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "credits"
    assert "100" in response.json()["detail"]


def test_exact_thirds_and_no_unit_twice(client, token_for, ent, unit):
    thirds = [{"unit_id": unit(c).id, "share": s} for c, s in (("GRP-01", "33.33"), ("GRP-02", "33.33"),
                                                                ("CHB-BJ", "33.34"))]
    assert create(client, token_for("grp01_editor"), ent, unit, credits=thirds).status_code == 201
    twice = [{"unit_id": unit("GRP-01").id, "share": "50"}, {"unit_id": unit("GRP-01").id, "share": "50"}]
    assert create(client, token_for("grp01_editor"), ent, unit, credits=twice).status_code == 422


def test_landing_unit_must_be_a_county_or_zone(client, token_for, ent, unit):
    response = create(client, token_for("grp01_editor"), ent, unit, landing_unit_id=unit("DEPT-JXW").id)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "landing_unit_id"


def test_stage_moves_forward_with_dates_in_order(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    p = create(client, editor, ent, unit).json()
    url = f"/api/projects/{p['id']}"

    def patch(version, **body):
        return client.patch(url, headers={**editor, "If-Match": f'"{version}"'}, json=body)
    early = patch(1, stage="started", started_on="2019-05-01")
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "started_on"
    started = patch(1, stage="started", started_on="2019-08-01")
    assert started.status_code == 200 and started.json()["started_on"] == "2019-08-01"
    assert patch(2, stage="signed").status_code == 422  # backwards
    assert patch(2, stage="dropped").status_code == 422  # needs a reason
    dropped = patch(2, stage="dropped", drop_reason="企业资金链断裂", dropped_on="2019-10-01")
    assert dropped.json()["stage"] == "dropped"
    assert patch(3, stage="in_production").status_code == 422


def test_concurrent_edit_is_412(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    p = create(client, editor, ent, unit).json()
    url = f"/api/projects/{p['id']}"
    assert client.patch(url, headers={**editor, "If-Match": '"1"'}, json={"name": "甲"}).status_code == 200
    assert client.patch(url, headers={**editor, "If-Match": '"1"'}, json={"name": "乙"}).status_code == 412


def funds(client, headers, project_id, period, amount, **extra):
    return client.post("/api/funds-reports", headers=headers,
                       json={"project_id": project_id, "period": period, "amount": amount, **extra})


def test_funds_are_exact_and_never_silently_pass_the_total(client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit, total_investment="0.30").json()
    county = token_for("dcf_editor")
    first = funds(client, county, p["id"], "2019-06", "0.10")
    assert first.status_code == 201, first.text
    assert first.json()["period"] == "2019-06-01" and first.json()["amount"] == "0.10"
    assert funds(client, county, p["id"], "2019-07-15", "0.20").json()["project_funds_reported"] == "0.30"
    over = funds(client, county, p["id"], "2019-08", "0.01")
    assert over.status_code == 422 and over.json()["type"] == "/problems/funds-over-total"
    assert "0.31" in over.json()["detail"]
    assert funds(client, county, p["id"], "2019-06", "0.01").status_code == 409  # same month again
    override = f"/api/projects/{p['id']}/funds-override"
    assert client.post(override, headers=county, json={"reason": "x"}).status_code == 403
    assert client.post(f"/api/projects/{p['id']}/funds-override", headers=token_for("office"),
                       json={"reason": "项目追加投资，合同待更新"}).status_code == 200
    assert funds(client, county, p["id"], "2019-08", "0.01").status_code == 201
    detail = client.get(f"/api/projects/{p['id']}", headers=county).json()
    assert detail["funds_reported"] == "0.31" and detail["funds_override_by"] == "office"


def test_lowering_the_total_below_reported_funds_is_refused(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    p = create(client, editor, ent, unit, total_investment="100").json()
    funds(client, token_for("dcf_editor"), p["id"], "2019-06", "80")
    response = client.patch(f"/api/projects/{p['id']}", headers={**editor, "If-Match": '"1"'},
                            json={"total_investment": "50"})
    assert response.status_code == 422 and response.json()["type"] == "/problems/funds-over-total"


def test_funds_report_scoping_and_verification(client, token_for, ent, unit):
    p = create(client, token_for("grp01_editor"), ent, unit).json()
    report = funds(client, token_for("dcf_editor"), p["id"], "2019-06", "5000").json()
    assert client.get(f"/api/funds-reports/{report['id']}", headers=token_for("grp01_editor")).status_code == 200
    assert client.get(f"/api/funds-reports/{report['id']}", headers=token_for("linqing_editor")).status_code == 404
    assert funds(client, token_for("linqing_editor"), p["id"], "2019-07", "1").status_code == 422  # cannot see it
    url = f"/api/funds-reports/{report['id']}/transitions"
    assert client.post(url, headers=token_for("dcf_editor"), json={"action": "submit"}).status_code == 200
    assert client.post(url, headers=token_for("office"), json={"action": "verify"}).json()["status"] == "verified"
    locked = client.patch(f"/api/funds-reports/{report['id']}", headers={**token_for("dcf_editor"), "If-Match": "*"},
                          json={"amount": "1"})
    assert locked.status_code == 409


def test_lists_filter_and_do_not_grow_queries(client, token_for, make_enterprise, unit, count_queries):
    editor = token_for("grp01_editor")
    for i in range(6):
        e = make_enterprise(f"企业{i}", is_fortune500=(i == 0))
        create(client, editor, e, unit, total_investment=str(1000 * (i + 1)), name=f"项目{i}")
    office = token_for("office")

    def names(**params):
        return [p["name"] for p in client.get("/api/projects", headers=office, params=params).json()["data"]]
    assert names(enterprise_class="fortune500") == ["项目0"]
    assert names(amount_min="2000", amount_max="3000", sort="total_investment") == ["项目1", "项目2"]
    assert len(names(credited_unit_id=unit("DEPT-JXW").id)) == 6
    assert names(q="企业3") == ["项目3"]
    counts = []
    for limit in (2, 6):
        with count_queries() as n:
            assert len(client.get("/api/projects", headers=office, params={"limit": limit}).json()["data"]) == limit
        counts.append(n())
    assert counts[0] == counts[1]


def test_idempotent_create(client, token_for, ent, unit):
    headers = {**token_for("grp01_editor"), "Idempotency-Key": "proj-1"}
    a, b = create(client, headers, ent, unit), create(client, headers, ent, unit)
    assert a.json()["id"] == b.json()["id"]
    assert client.get("/api/projects", headers=token_for("office"), params={"with_total": True}).json()["total"] == 1
