"""Visits: the county staffer's daily record, scoped to the unit, verified by the office."""

import pytest

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "leader_level": "county_leader",
         "leader_name": "张县长", "outcome": "达成初步合作意向"}


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国建材集团有限公司", is_fortune500=True, is_central_soe=True)


def create(client, headers, ent, **overrides):
    return client.post("/api/v1/visits", headers=headers, json={**VISIT, "enterprise_id": ent.id, **overrides})


def move(client, headers, visit_id, action, reason=None):
    return client.post(f"/api/v1/visits/{visit_id}/transitions", headers=headers,
                       json={"action": action, **({"reason": reason} if reason else {})})


def test_editor_creates_a_draft_visit_of_own_unit(client, token_for, ent, unit):
    response = create(client, token_for("dcf_editor"), ent)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["unit_id"] == unit("371502").id and body["status"] == "draft" and body["created_by"] == "dcf_editor"
    assert body["enterprise"]["name"] == "中国建材集团有限公司"
    assert response.headers["ETag"] == '"1"'


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403)])
def test_who_may_not_create(client, headers_for, ent, who, status):
    assert create(client, headers_for(who), ent).status_code == status


def test_editor_cannot_create_for_another_unit(client, token_for, ent, unit):
    response = create(client, token_for("dcf_editor"), ent, unit_id=unit("371581").id)
    assert response.status_code == 403


def test_unknown_enterprise_is_a_field_error(client, token_for, ent):
    response = client.post("/api/v1/visits", headers=token_for("dcf_editor"), json={**VISIT, "enterprise_id": 99999})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "enterprise_id"


def test_other_units_visit_is_404_everywhere(client, token_for, ent):
    visit = create(client, token_for("dcf_editor"), ent).json()
    other = token_for("linqing_editor")
    assert client.get(f"/api/v1/visits/{visit['id']}", headers=other).status_code == 404
    assert client.patch(f"/api/v1/visits/{visit['id']}", headers={**other, "If-Match": '"1"'},
                        json={"place": "x"}).status_code == 404
    assert move(client, other, visit["id"], "submit").status_code == 404
    assert visit["id"] not in [v["id"] for v in client.get("/api/v1/visits", headers=other).json()["data"]]


def test_office_leader_and_city_client_read_every_unit(client, token_for, make_api_client, ent, unit):
    visit = create(client, token_for("dcf_editor"), ent).json()
    for headers in (token_for("office"), token_for("leader"), make_api_client(["records:read"])[2],
                    make_api_client(["records:read"], unit("371502").id)[2]):
        assert client.get(f"/api/v1/visits/{visit['id']}", headers=headers).status_code == 200
    other_unit_client = make_api_client(["records:read"], unit("371581").id)[2]
    assert client.get(f"/api/v1/visits/{visit['id']}", headers=other_unit_client).status_code == 404


def test_update_needs_if_match_and_detects_concurrent_change(client, token_for, ent):
    editor = token_for("dcf_editor")
    visit = create(client, editor, ent).json()
    url = f"/api/v1/visits/{visit['id']}"
    assert client.patch(url, headers=editor, json={"place": "上海"}).status_code == 428
    first = client.patch(url, headers={**editor, "If-Match": '"1"'}, json={"place": "上海"})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"' and first.json()["place"] == "上海"
    stale = client.patch(url, headers={**editor, "If-Match": '"1"'}, json={"place": "深圳"})
    assert stale.status_code == 412 and stale.json()["current_etag"] == '"2"'
    assert client.get(url, headers=editor).json()["place"] == "上海"


def test_full_verification_cycle(client, token_for, ent):
    editor, office = token_for("dcf_editor"), token_for("office")
    vid = create(client, editor, ent).json()["id"]
    assert move(client, office, vid, "verify").status_code == 409  # still a draft
    assert move(client, editor, vid, "submit").json()["status"] == "submitted"
    submitted_edit = client.patch(f"/api/v1/visits/{vid}", headers={**editor, "If-Match": "*"}, json={"place": "x"})
    assert submitted_edit.status_code == 409
    assert move(client, editor, vid, "verify").status_code == 403
    assert move(client, office, vid, "return").status_code == 422  # a reason is required
    returned = move(client, office, vid, "return", "缺少参加人员").json()
    assert returned["status"] == "returned" and returned["return_reason"] == "缺少参加人员"
    assert client.patch(f"/api/v1/visits/{vid}", headers={**editor, "If-Match": '"3"'},
                        json={"participants": "张三、李四"}).status_code == 200
    assert move(client, editor, vid, "submit").json()["return_reason"] is None
    verified = move(client, office, vid, "verify").json()
    assert verified["status"] == "verified" and verified["verified_by"] == "office"
    locked = client.patch(f"/api/v1/visits/{vid}", headers={**editor, "If-Match": "*"}, json={"place": "y"})
    assert locked.status_code == 409 and "重新打开" in locked.json()["detail"]
    assert move(client, editor, vid, "withdraw").status_code == 409
    assert move(client, office, vid, "reopen").status_code == 422
    assert move(client, office, vid, "reopen", "金额有误").json()["status"] == "returned"
    history = client.get("/api/v1/audit-events", headers=office, params={"entity": "visit", "entity_id": vid}).json()
    assert [e["action"] for e in history["data"]][:4] == ["reopen", "verify", "submit", "update"]


def test_office_cannot_verify_its_own_record_but_a_colleague_can(client, token_for, ent):
    office = token_for("office")
    vid = create(client, office, ent).json()["id"]
    assert move(client, office, vid, "submit").status_code == 200
    refused = move(client, office, vid, "verify")
    assert refused.status_code == 403 and "职责分离" in refused.json()["detail"]
    assert move(client, token_for("office2"), vid, "verify").json()["status"] == "verified"


def test_viewer_and_leader_cannot_move_records(client, token_for, ent):
    vid = create(client, token_for("dcf_editor"), ent).json()["id"]
    assert move(client, token_for("dcf_viewer"), vid, "submit").status_code == 403
    assert move(client, token_for("leader"), vid, "submit").status_code == 403


def test_idempotent_retry_creates_one_visit(client, token_for, ent):
    headers = {**token_for("dcf_editor"), "Idempotency-Key": "visit-2019-05-06-a"}
    first = create(client, headers, ent)
    again = create(client, headers, ent)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["Idempotency-Replayed"] == "true"
    listed = client.get("/api/v1/visits", headers=token_for("dcf_editor"), params={"with_total": True}).json()
    assert listed["total"] == 1
    other_body = create(client, headers, ent, place="别处")
    assert other_body.status_code == 422


def test_idempotency_keys_are_per_caller(client, token_for, ent):
    key = {"Idempotency-Key": "same-key"}
    a = create(client, {**token_for("dcf_editor"), **key}, ent).json()
    b = create(client, {**token_for("linqing_editor"), **key}, ent).json()
    assert a["id"] != b["id"]


def test_list_filters(client, token_for, make_enterprise, ent):
    editor = token_for("dcf_editor")
    small = make_enterprise("聊城本地小微企业")
    create(client, editor, ent, visit_date="2019-01-10", region="jingjinji")
    create(client, editor, ent, visit_date="2019-03-01", region="yangtze_delta", place="苏州工业园")
    create(client, editor, small, visit_date="2019-12-31", region="other")

    def ids(**params):
        return [v["visit_date"] for v in client.get("/api/v1/visits", headers=editor, params=params).json()["data"]]
    assert ids() == ["2019-12-31", "2019-03-01", "2019-01-10"]
    assert ids(region="yangtze_delta") == ["2019-03-01"]
    assert ids(date_from="2019-03-01", date_to="2019-12-31") == ["2019-12-31", "2019-03-01"]
    assert ids(enterprise_class="fortune500") == ["2019-03-01", "2019-01-10"]
    assert ids(q="苏州") == ["2019-03-01"]
    assert ids(q="小微") == ["2019-12-31"]
    assert ids(q="%") == []  # wildcards are literal
    assert ids(sort="visit_date") == ["2019-01-10", "2019-03-01", "2019-12-31"]
    assert ids(status="submitted") == []
    bad = client.get("/api/v1/visits", headers=editor, params={"sort": "outcome"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "sort"


def test_keyset_pages_cover_everything_once(client, token_for, ent):
    editor = token_for("dcf_editor")
    for day in range(1, 8):
        create(client, editor, ent, visit_date=f"2019-06-{day % 3 + 1:02d}")  # ties on the sort key
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/visits", headers=editor, params=params).json()
        seen += [v["id"] for v in page["data"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 7
    assert client.get("/api/v1/visits", headers=editor, params={"cursor": "garbage"}).status_code == 422
    assert client.get("/api/v1/visits", headers=editor, params={"limit": 201}).status_code == 422


def test_list_query_count_does_not_grow_with_page_size(client, token_for, make_enterprise, count_queries):
    editor = token_for("dcf_editor")
    for i in range(12):
        create(client, editor, make_enterprise(f"企业{i}"))
    counts = []
    for limit in (2, 12):
        with count_queries() as n:
            assert len(client.get("/api/v1/visits", headers=editor, params={"limit": limit}).json()["data"]) == limit
        counts.append(n())
    assert counts[0] == counts[1]


@pytest.mark.parametrize("sort", ["created_at", "-updated_at", "-visit_date", "id"])
def test_every_sort_pages_through_everything(client, token_for, ent, sort):
    """Regression: a timestamp sort key must survive the round trip through the cursor."""
    editor = token_for("dcf_editor")
    for day in range(1, 6):
        create(client, editor, ent, visit_date=f"2019-07-0{day}")
    seen, cursor = [], None
    while True:
        response = client.get("/api/v1/visits", headers=editor,
                              params={"limit": 2, "sort": sort, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        seen += [v["id"] for v in response.json()["data"]]
        if not (cursor := response.json()["next_cursor"]):
            break
    assert len(seen) == len(set(seen)) == 5
