"""Leads: a chamber enters them, a county follows them up."""

import pytest


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("深圳某新能源科技有限公司", is_unicorn=True)


def create(client, headers, ent, **body):
    return client.post("/api/v1/leads", headers=headers, json={
        "enterprise_id": ent.id, "source": "chamber", "received_on": "2019-04-01", "intended_amount": "50000",
        "contact_name": "王经理", "contact_phone": "0755-1234567", "description": "拟在鲁西投资电池项目", **body})


def test_chamber_enters_a_lead_assigned_to_a_county(client, token_for, ent, unit):
    response = create(client, token_for("chb_bj_editor"), ent, assigned_unit_id=unit("371502").id)
    assert response.status_code == 201, response.text
    lead = response.json()
    assert lead["unit_id"] == unit("CHB-BJ").id and lead["intended_amount"] == "50000.00"
    assert lead["state"] == "open" and lead["enterprise"]["name"] == "深圳某新能源科技有限公司"
    assert client.get(f"/api/v1/leads/{lead['id']}", headers=token_for("dcf_editor")).status_code == 200  # assigned
    assert client.get(f"/api/v1/leads/{lead['id']}", headers=token_for("linqing_editor")).status_code == 404
    assert client.get(f"/api/v1/leads/{lead['id']}", headers=token_for("office")).status_code == 200
    assert client.get(f"/api/v1/leads/{lead['id']}").status_code == 401


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403)])
def test_who_may_not_create(client, headers_for, ent, who, status):
    assert create(client, headers_for(who), ent).status_code == status


def test_assigned_unit_may_only_move_the_state(client, token_for, ent, unit):
    lead = create(client, token_for("chb_bj_editor"), ent, assigned_unit_id=unit("371502").id).json()
    url, county = f"/api/v1/leads/{lead['id']}", token_for("dcf_editor")
    edit = client.patch(url, headers={**county, "If-Match": '"1"'}, json={"description": "改写"})
    assert edit.status_code == 403
    moved = client.patch(url, headers={**county, "If-Match": '"1"'}, json={"state": "converted"})
    assert moved.status_code == 200 and moved.json()["state"] == "converted" and moved.headers["ETag"] == '"2"'
    owner = client.patch(url, headers={**token_for("chb_bj_editor"), "If-Match": '"2"'}, json={"description": "补充"})
    assert owner.status_code == 200
    assert client.patch(url, headers={**token_for("linqing_editor"), "If-Match": "*"},
                        json={"state": "closed"}).status_code == 404
    assert client.patch(url, headers=token_for("chb_bj_editor"), json={"state": "closed"}).status_code == 428


def test_lead_detail_shows_visits_that_grew_from_it(client, token_for, ent, unit):
    lead = create(client, token_for("chb_bj_editor"), ent, assigned_unit_id=unit("371502").id).json()
    visit = client.post("/api/v1/visits", headers=token_for("dcf_editor"), json={
        "enterprise_id": ent.id, "visit_date": "2019-04-20", "region": "pearl_delta", "lead_id": lead["id"]})
    assert visit.status_code == 201, visit.text
    detail = client.get(f"/api/v1/leads/{lead['id']}", headers=token_for("office")).json()
    assert detail["visit_ids"] == [visit.json()["id"]]
    hidden = client.post("/api/v1/visits", headers=token_for("linqing_editor"), json={
        "enterprise_id": ent.id, "visit_date": "2019-04-20", "region": "other", "lead_id": lead["id"]})
    assert hidden.status_code == 422  # another county cannot see that lead, so cannot link to it


def test_filters_and_query_count(client, token_for, make_enterprise, count_queries, unit):
    editor = token_for("chb_bj_editor")
    big = make_enterprise("世界五百强公司", is_fortune500=True)
    for i in range(6):
        create(client, editor, make_enterprise(f"企业{i}"), received_on=f"2019-0{i + 1}-15",
               intended_amount=str(1000 * (i + 1)))
    create(client, editor, big, received_on="2019-07-01", source="agency", intended_amount=None)

    def dates(**params):
        return [x["received_on"] for x in client.get("/api/v1/leads", headers=editor, params=params).json()["data"]]
    assert dates(source="agency") == ["2019-07-01"]
    assert dates(enterprise_class="fortune500") == ["2019-07-01"]
    assert dates(amount_min="2000", amount_max="3000") == ["2019-03-15", "2019-02-15"]
    assert dates(date_from="2019-06-01") == ["2019-07-01", "2019-06-15"]
    assert dates(q="五百强") == ["2019-07-01"]
    counts = []
    for limit in (2, 7):
        with count_queries() as n:
            assert len(client.get("/api/v1/leads", headers=editor, params={"limit": limit}).json()["data"]) == limit
        counts.append(n())
    assert counts[0] == counts[1]


def test_idempotent_create(client, token_for, ent):
    headers = {**token_for("chb_bj_editor"), "Idempotency-Key": "lead-1"}
    assert create(client, headers, ent).json()["id"] == create(client, headers, ent).json()["id"]
