"""Events: organised by a unit, enterprises present, verified by the office."""

import pytest


@pytest.fixture
def ents(make_enterprise):
    return [make_enterprise("企业甲"), make_enterprise("企业乙"), make_enterprise("企业丙")]


def create(client, headers, ents, **body):
    return client.post("/api/v1/events", headers=headers, json={
        "kind": "promotion", "title": "新材料产业专题推介会", "event_date": "2019-09-10", "region": "yangtze_delta",
        "place": "上海", "enterprise_ids": [e.id for e in ents[:2]], **body})


def move(client, headers, eid, action, reason=None):
    return client.post(f"/api/v1/events/{eid}/transitions", headers=headers,
                       json={"action": action, **({"reason": reason} if reason else {})})


def test_group_holds_an_event_with_enterprises_present(client, token_for, ents, unit):
    response = create(client, token_for("grp01_editor"), ents)
    assert response.status_code == 201, response.text
    event = response.json()
    assert event["unit_id"] == unit("GRP-01").id and [e["name"] for e in event["enterprises"]] == ["企业甲", "企业乙"]
    assert client.get(f"/api/v1/events/{event['id']}", headers=token_for("dcf_editor")).status_code == 404
    assert client.get(f"/api/v1/events/{event['id']}", headers=token_for("leader")).status_code == 200
    changed = client.patch(f"/api/v1/events/{event['id']}", headers={**token_for("grp01_editor"), "If-Match": '"1"'},
                           json={"enterprise_ids": [ents[2].id, ents[0].id]})
    assert [e["name"] for e in changed.json()["enterprises"]] == ["企业甲", "企业丙"]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403)])
def test_who_may_not_create(client, headers_for, ents, who, status):
    assert create(client, headers_for(who), ents).status_code == status


def test_unknown_enterprise_present_is_refused(client, token_for, ents):
    response = create(client, token_for("grp01_editor"), ents, enterprise_ids=[99999])
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "enterprise_ids"


def test_verification_and_lock(client, token_for, ents):
    editor, office = token_for("grp01_editor"), token_for("office")
    eid = create(client, editor, ents).json()["id"]
    assert move(client, token_for("dcf_editor"), eid, "submit").status_code == 404
    assert move(client, editor, eid, "submit").json()["status"] == "submitted"
    assert move(client, office, eid, "verify").json()["status"] == "verified"
    assert client.patch(f"/api/v1/events/{eid}", headers={**editor, "If-Match": "*"},
                        json={"title": "改名"}).status_code == 409
    assert move(client, office, eid, "reopen", "日期有误").json()["status"] == "returned"


def test_city_event_entered_by_the_office_needs_another_clerk(client, token_for, ents):
    office = token_for("office")
    eid = create(client, office, ents, kind="concentrated", region="jingjinji").json()["id"]
    move(client, office, eid, "submit")
    assert move(client, office, eid, "verify").status_code == 403
    assert move(client, token_for("office2"), eid, "verify").status_code == 200


def test_filters_and_query_count(client, token_for, ents, count_queries):
    editor = token_for("grp01_editor")
    for month in range(1, 7):
        create(client, editor, ents, event_date=f"2019-0{month}-01", region="pearl_delta" if month % 2 else "other")

    def dates(**params):
        return [e["event_date"] for e in client.get("/api/v1/events", headers=editor, params=params).json()["data"]]
    assert dates(region="pearl_delta") == ["2019-05-01", "2019-03-01", "2019-01-01"]
    assert dates(enterprise_id=ents[2].id) == []
    assert dates(date_to="2019-02-15") == ["2019-02-01", "2019-01-01"]
    counts = []
    for limit in (2, 6):
        with count_queries() as n:
            assert len(client.get("/api/v1/events", headers=editor, params={"limit": limit}).json()["data"]) == limit
        counts.append(n())
    assert counts[0] == counts[1]


def edit(client, headers, eid, **body):
    return client.patch(f"/api/v1/events/{eid}", headers={**headers, "If-Match": "*"}, json=body)


def test_only_the_entering_unit_changes_its_drafts(client, token_for, make_api_client, ents, unit):
    """A city-wide client may enter records in a unit's name, but changing a unit's drafts is for that unit's
    own staff and clients: others who can see the draft get 403, those who cannot get 404."""
    group = unit("GRP-01").id
    city = make_api_client(["records:read", "records:write"])[2]
    entered = create(client, city, ents, unit_id=group)
    assert entered.status_code == 201 and entered.json()["unit_id"] == group
    eid = create(client, token_for("grp01_editor"), ents).json()["id"]
    for draft in (eid, entered.json()["id"]):
        refused = edit(client, city, draft, title="城市客户端改写")
        assert refused.status_code == 403 and refused.json()["detail"] == "只有录入该记录的单位可以修改"
        assert move(client, city, draft, "submit").status_code == 403
    other_unit_client = make_api_client(["records:read", "records:write"], unit("371502").id)[2]
    assert edit(client, other_unit_client, eid, title="他单位改写").status_code == 404
    assert move(client, other_unit_client, eid, "submit").status_code == 404
    assert edit(client, token_for("office"), eid, title="办公室改写").status_code == 403
    assert edit(client, make_api_client(["records:read"], group)[2], eid, title="只读").status_code == 403
    own_client = make_api_client(["records:read", "records:write"], group)[2]
    assert edit(client, own_client, eid, title="本单位系统改写").status_code == 200
    assert move(client, own_client, eid, "submit").json()["status"] == "submitted"
    assert move(client, city, eid, "withdraw").status_code == 403
    assert move(client, token_for("grp01_editor"), eid, "withdraw").json()["status"] == "draft"
    assert client.get(f"/api/v1/events/{eid}", headers=city).json()["title"] == "本单位系统改写"
