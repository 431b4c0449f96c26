"""Funds in place (到位资金): one report per project per month, by a unit that sees the project, exact sums, the
running total never silently past the total investment, verification."""

import pytest

from tests.projects.helpers import COUNTY, GROUP, OTHER_COUNTY, history, move, override, patch, report


def url_of(r):
    return f"/api/v1/funds-reports/{r['id']}"


def test_landing_county_reports_funds_and_the_project_units_see_them(client, token_for, new_project, unit):
    p = new_project()
    response = report(client, token_for("dcf_editor"), p["id"], "2019-06", "12500", note="首期到位")
    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == '"1"'
    r = response.json()
    assert (r["unit_id"], r["status"], r["created_by"]) == (unit(COUNTY).id, "draft", "dcf_editor")
    assert (r["period"], r["amount"], r["note"]) == ("2019-06-01", "12500.00", "首期到位")
    assert (r["project_name"], r["project_total_investment"], r["project_funds_reported"]) == \
        ("重卡新能源零部件项目", "25000.50", "12500.00")
    for who in ("dcf_editor", "dcf_viewer", "grp01_editor", "jxw_editor", "office", "leader"):  # owner, project units
        got = client.get(url_of(r), headers=token_for(who))
        assert got.status_code == 200 and got.headers["ETag"] == '"1"' and got.json() == r, who
        assert [x["id"] for x in client.get("/api/v1/funds-reports", headers=token_for(who)).json()["data"]] == [
            r["id"]
        ]
    assert client.get(url_of(r)).status_code == 401
    detail = client.get(f"/api/v1/projects/{p['id']}", headers=token_for("jxw_editor")).json()
    assert detail["funds_reported"] == "12500.00" and detail["funds_verified"] == "0.00"


def test_an_unrelated_unit_gets_404_and_project_units_cannot_edit(client, token_for, new_project):
    r = report(client, token_for("dcf_editor"), new_project()["id"], "2019-06", "100").json()
    other = token_for("linqing_editor")
    assert client.get(url_of(r), headers=other).status_code == 404
    assert patch(client, other, url_of(r), 1, amount="1").status_code == 404
    assert move(client, other, url_of(r), "submit").status_code == 404
    assert client.get("/api/v1/funds-reports", headers=other).json()["data"] == []
    for who in ("grp01_editor", "jxw_editor"):  # they see the report on their project, but it is the county's
        assert patch(client, token_for(who), url_of(r), 1, amount="1").status_code == 403, who
        assert move(client, token_for(who), url_of(r), "submit").status_code == 403, who
    for who in ("office", "dcf_viewer", "leader"):
        assert patch(client, token_for(who), url_of(r), 1, amount="1").status_code == 403, who
        assert move(client, token_for(who), url_of(r), "submit").status_code == 403, who


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403), ("client_no_scope", 403)])
def test_who_may_not_report(client, headers_for, new_project, who, status):
    assert report(client, headers_for(who), new_project()["id"], "2019-06", "1").status_code == status


def test_the_reporting_unit_must_see_the_project(client, token_for, make_api_client, new_project, unit):
    p = new_project()
    refused = report(client, token_for("linqing_editor"), p["id"], "2019-06", "1")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "project_id"
    city = make_api_client(["records:read", "records:write"])[2]
    in_linqing = report(client, city, p["id"], "2019-06", "1", unit_id=unit(OTHER_COUNTY).id)
    assert in_linqing.status_code == 422 and in_linqing.json()["errors"][0]["field"] == "project_id"
    in_group = report(client, city, p["id"], "2019-06", "1", unit_id=unit(GROUP).id)
    assert in_group.status_code == 201 and in_group.json()["unit_id"] == unit(GROUP).id
    assert report(client, token_for("jxw_editor"), p["id"], "2019-07", "1").status_code == 201  # credited
    assert report(client, token_for("dcf_editor"), 999999, "2019-07", "1").status_code == 422
    assert report(client, token_for("dcf_editor"), p["id"], "2019-08", "1", unit_id=unit(GROUP).id).status_code == 403


def test_a_project_still_negotiating_has_no_funds(client, token_for, new_project):
    p = new_project(stage="negotiating", signed_on=None)
    refused = report(client, token_for("dcf_editor"), p["id"], "2019-06", "1")
    assert refused.status_code == 422 and "在谈" in refused.json()["detail"]


@pytest.mark.parametrize(("given", "period"), [("2019-05", "2019-05-01"), ("2019-05-31", "2019-05-01"),
                                               (" 2019-12 ", "2019-12-01"), ("2020-02-29", "2020-02-01")])
def test_period_is_the_first_day_of_the_month(client, token_for, new_project, given, period):
    response = report(client, token_for("dcf_editor"), new_project()["id"], given, "1")
    assert response.status_code == 201 and response.json()["period"] == period


@pytest.mark.parametrize("given", ["2019-13", "2019-5", "2019/05", "201905", "2019-02-30", ""])
def test_bad_periods_are_field_errors(client, token_for, new_project, given):
    response = report(client, token_for("dcf_editor"), new_project()["id"], given, "1")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "period"


@pytest.mark.parametrize("amount", ["0", "0.00", "-1", "0.001", "abc", "1e20"])
def test_amount_is_positive_money_with_two_places(client, token_for, new_project, amount):
    response = report(client, token_for("dcf_editor"), new_project()["id"], "2019-06", amount)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "amount"


def test_one_report_per_project_per_month(client, token_for, new_project):
    county, p = token_for("dcf_editor"), new_project()
    first = report(client, county, p["id"], "2019-06", "1").json()
    for same_month in ("2019-06", "2019-06-15"):
        duplicate = report(client, county, p["id"], same_month, "2")
        assert duplicate.status_code == 409 and duplicate.json()["type"] == "/problems/duplicate-period"
        assert "2019年06月" in duplicate.json()["detail"]
    assert report(client, token_for("grp01_editor"), p["id"], "2019-06", "2").status_code == 409  # any unit
    assert report(client, county, new_project()["id"], "2019-06", "2").status_code == 201  # another project
    second = report(client, county, p["id"], "2019-07", "1").json()
    moved = patch(client, county, url_of(second), 1, period="2019-06-20")
    assert moved.status_code == 409 and moved.json()["errors"][0]["field"] == "period"
    assert patch(client, county, url_of(second), 1, period="2019-08-20").json()["period"] == "2019-08-01"
    assert patch(client, county, url_of(first), 1, period="2019-06").status_code == 200  # its own month


def test_sums_are_exact(client, token_for, new_project):
    """0.10 + 0.20 is 0.30 exactly: with a total of 0.30 both fit and not a cent more does."""
    county, p = token_for("dcf_editor"), new_project(total_investment="0.30")
    first = report(client, county, p["id"], "2019-06", "0.10")
    assert first.status_code == 201 and first.json()["amount"] == "0.10"
    second = report(client, county, p["id"], "2019-07", 0.2)  # a JSON number is read exactly too
    assert second.status_code == 201 and second.json()["project_funds_reported"] == "0.30"
    over = report(client, county, p["id"], "2019-08", "0.01")
    assert over.status_code == 422 and over.json()["type"] == "/problems/funds-over-total"
    detail = client.get(f"/api/v1/projects/{p['id']}", headers=county).json()
    assert detail["funds_reported"] == "0.30" and detail["total_investment"] == "0.30"


def test_funds_over_the_total_are_refused_until_the_office_overrides(client, token_for, new_project):
    county, office = token_for("dcf_editor"), token_for("office")
    p = new_project(total_investment="25000")
    assert report(client, county, p["id"], "2019-06", "12500").status_code == 201
    assert report(client, county, p["id"], "2019-07", "12499.99").status_code == 201
    over = report(client, county, p["id"], "2019-08", "100.01")
    assert over.status_code == 422 and over.json()["type"] == "/problems/funds-over-total"
    body = over.json()
    assert (body["total_investment"], body["funds_reported"], body["excess"]) == ("25000.00", "25100.00", "100.00")
    for figure in ("25000.00", "25100.00", "100.00"):
        assert figure in body["detail"]
    assert body["errors"][0]["field"] == "amount"
    assert override(client, county, p["id"]).status_code == 403
    assert override(client, office, p["id"]).status_code == 200
    accepted = report(client, county, p["id"], "2019-08", "100.01")
    assert accepted.status_code == 201 and accepted.json()["project_funds_reported"] == "25100.00"
    detail = client.get(f"/api/v1/projects/{p['id']}", headers=county).json()
    assert detail["funds_reported"] == "25100.00" and detail["funds_override_by"] == "office"
    assert history(client, office, "project", p["id"])[0] == "funds_override"


def test_an_update_may_not_pass_the_total_either(client, token_for, new_project):
    county, p = token_for("dcf_editor"), new_project(total_investment="100")
    r = report(client, county, p["id"], "2019-06", "60").json()
    report(client, county, p["id"], "2019-07", "30")
    over = patch(client, county, url_of(r), 1, amount="70.01")
    assert over.status_code == 422 and over.json()["type"] == "/problems/funds-over-total"
    assert over.json()["funds_reported"] == "100.01"
    changed = patch(client, county, url_of(r), 1, amount="70")
    assert changed.status_code == 200 and changed.json()["project_funds_reported"] == "100.00"
    assert changed.headers["ETag"] == '"2"'
    assert patch(client, county, url_of(r), 2, note="补充说明").status_code == 200  # no amount change: no check
    assert patch(client, county, url_of(r), 3, amount=None).status_code == 422


def test_the_project_total_cannot_drop_below_the_reported_funds(client, token_for, new_project):
    editor = token_for("grp01_editor")
    p = new_project(total_investment="100")
    report(client, token_for("dcf_editor"), p["id"], "2019-06", "80")
    project_url = f"/api/v1/projects/{p['id']}"
    lowered = patch(client, editor, project_url, 1, total_investment="79.99")
    assert lowered.status_code == 422 and lowered.json()["type"] == "/problems/funds-over-total"
    assert patch(client, editor, project_url, 1, total_investment="80").status_code == 200
    override(client, token_for("office"), p["id"])
    assert patch(client, editor, project_url, 3, total_investment="50").status_code == 200


def test_returned_reports_leave_the_running_total_and_are_checked_again_on_resubmission(client, token_for,
                                                                                        new_project):
    county, office = token_for("dcf_editor"), token_for("office")
    p = new_project(total_investment="100")
    r = report(client, county, p["id"], "2019-06", "60").json()
    assert move(client, county, url_of(r), "submit").status_code == 200
    returned = move(client, office, url_of(r), "return", "到位凭证不清")
    assert returned.json()["status"] == "returned" and returned.json()["project_funds_reported"] == "0.00"
    assert report(client, county, p["id"], "2019-07", "50").status_code == 201  # the returned 60 does not count
    resubmit = move(client, county, url_of(r), "submit")
    assert resubmit.status_code == 422 and resubmit.json()["type"] == "/problems/funds-over-total"
    fixed = patch(client, county, url_of(r), 3, amount="50")
    assert fixed.status_code == 200
    assert move(client, county, url_of(r), "submit").json()["project_funds_reported"] == "100.00"


def test_full_verification_cycle(client, token_for, new_project):
    county, office = token_for("dcf_editor"), token_for("office")
    p = new_project()
    r = report(client, county, p["id"], "2019-06", "5000").json()
    url = url_of(r)
    assert move(client, office, url, "verify").status_code == 409  # still a draft
    assert move(client, county, url, "submit").json()["status"] == "submitted"
    assert patch(client, county, url, 2, amount="1").status_code == 409
    assert move(client, county, url, "verify").status_code == 403
    assert move(client, token_for("grp01_editor"), url, "verify").status_code == 403  # the project's owner
    assert move(client, county, url, "withdraw").json()["status"] == "draft"
    assert move(client, county, url, "submit").status_code == 200
    verified = move(client, office, url, "verify").json()
    assert verified["status"] == "verified" and verified["verified_by"] == "office"
    locked = patch(client, county, url, 5, amount="1")
    assert locked.status_code == 409 and "重新打开" in locked.json()["detail"]
    assert move(client, county, url, "withdraw").status_code == 409
    detail = client.get(f"/api/v1/projects/{p['id']}", headers=county).json()
    assert detail["funds_reported"] == detail["funds_verified"] == "5000.00"
    assert move(client, office, url, "reopen").status_code == 422  # a reason is required
    assert move(client, office, url, "reopen", "金额与凭证不符").json()["status"] == "returned"
    assert history(client, office, "funds_report", r["id"])[:3] == ["reopen", "verify", "submit"]


def test_office_cannot_verify_its_own_report_but_a_colleague_can(client, token_for, new_project):
    office = token_for("office")
    r = report(client, office, new_project()["id"], "2019-06", "10").json()
    assert move(client, office, url_of(r), "submit").status_code == 200
    refused = move(client, office, url_of(r), "verify")
    assert refused.status_code == 403 and "职责分离" in refused.json()["detail"]
    assert move(client, token_for("office2"), url_of(r), "verify").json()["status"] == "verified"


def test_update_needs_if_match_and_detects_a_concurrent_change(client, token_for, new_project):
    county = token_for("dcf_editor")
    r = report(client, county, new_project()["id"], "2019-06", "10").json()
    assert client.patch(url_of(r), headers=county, json={"amount": "11"}).status_code == 428
    assert patch(client, county, url_of(r), 1, amount="11").json()["amount"] == "11.00"
    stale = patch(client, county, url_of(r), 1, amount="12")
    assert stale.status_code == 412 and stale.json()["current_etag"] == '"2"'
    assert client.get(url_of(r), headers=county).json()["amount"] == "11.00"


def test_idempotent_retry_creates_one_report(client, token_for, new_project):
    p = new_project()
    headers = {**token_for("dcf_editor"), "Idempotency-Key": "funds-2019-06"}
    first = report(client, headers, p["id"], "2019-06", "10")
    again = report(client, headers, p["id"], "2019-06", "10")
    assert first.status_code == again.status_code == 201 and again.headers["Idempotency-Replayed"] == "true"
    assert again.json() == first.json()
    listed = client.get("/api/v1/funds-reports", headers=token_for("dcf_editor"), params={"with_total": True}).json()
    assert listed["total"] == 1
    assert report(client, headers, p["id"], "2019-07", "10").status_code == 422  # same key, other body


def test_list_filters_and_sorts(client, token_for, new_project, unit):
    county, group = token_for("dcf_editor"), token_for("grp01_editor")
    a, b = new_project(name="项目甲"), new_project(name="项目乙")
    for month in range(1, 5):
        report(client, county, a["id"], f"2019-0{month}", "10")
    report(client, group, b["id"], "2019-03", "7.5")
    first_of_a = client.get("/api/v1/funds-reports", headers=county, params={"sort": "id"}).json()["data"][0]
    move(client, county, url_of(first_of_a), "submit")

    def periods(headers=county, **params):
        response = client.get("/api/v1/funds-reports", headers=headers, params=params)
        assert response.status_code == 200, response.text
        return [(r["project_name"], r["period"][:7]) for r in response.json()["data"]]
    assert periods(project_id=a["id"], period_from="2019-02", period_to="2019-03-31") == \
        [("项目甲", "2019-03"), ("项目甲", "2019-02")]
    assert periods(period_from="2019-03-15", period_to="2019-03", sort="id") == [("项目甲", "2019-03"),
                                                                                ("项目乙", "2019-03")]
    assert periods(unit_id=unit(GROUP).id) == [("项目乙", "2019-03")]
    assert periods(status="submitted") == [("项目甲", "2019-01")]
    assert periods(sort="period", project_id=a["id"])[0] == ("项目甲", "2019-01")
    assert periods(sort="-created_at")[0] == ("项目乙", "2019-03")
    assert len(periods(sort="created_at", limit=2)) == 2
    listed = client.get("/api/v1/funds-reports", headers=county, params={"project_id": a["id"]}).json()["data"]
    assert all(r["project_funds_reported"] == "40.00" and r["project_total_investment"] == "25000.50"
               for r in listed)
    assert periods(token_for("linqing_editor")) == []
    for bad in ({"sort": "amount"}, {"period_from": "2019-13"}, {"status": "done"}, {"cursor": "x"}):
        assert client.get("/api/v1/funds-reports", headers=county, params=bad).status_code == 422, bad


def test_keyset_pages_cover_everything_once(client, token_for, new_project):
    county, p = token_for("dcf_editor"), new_project()
    for month in range(1, 8):
        report(client, county, p["id"], f"2019-{month:02d}", "1")
    for sort in ("-period", "created_at", "-id"):
        seen, cursor = [], None
        while True:
            params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
            page = client.get("/api/v1/funds-reports", headers=county, params=params).json()
            seen += [r["id"] for r in page["data"]]
            if not (cursor := page["next_cursor"]):
                break
        assert len(seen) == len(set(seen)) == 7, sort


def test_list_query_count_does_not_grow_with_page_size(client, token_for, new_project, count_queries):
    county = token_for("dcf_editor")
    for i in range(3):
        p = new_project(name=f"项目{i}")
        for month in range(1, 5):
            assert report(client, county, p["id"], f"2019-0{month}", "10").status_code == 201
    counts = []
    for limit in (2, 12):
        with count_queries() as n:
            page = client.get("/api/v1/funds-reports", headers=token_for("jxw_editor"), params={"limit": limit}).json()
            assert len(page["data"]) == limit
            assert all(r["project_funds_reported"] == "40.00" and r["project_name"] for r in page["data"])
        counts.append(n())
    assert counts[0] == counts[1]
