"""The shared enterprise library: USCC checks, duplicates, merging."""

from datetime import date

import pytest
from sqlmodel import select

from app.enterprises.identity import normalize_name, uscc_checksum_ok

VALID = ["91330100716105852F", "9144030071526726XG", "914403001922038216", "91350100M000100Y43"]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass_the_checksum(code):
    assert uscc_checksum_ok(code)


@pytest.mark.parametrize("code", [
    "91330100716105852E",  # wrong check character
    "91330100716105853F",  # one body character changed
    "9144030071526726X",  # 17 characters
    "9144030071526726XGG",  # 19 characters
    "91330100716I05852F",  # I is not in the charset
    "9133010071610585OF",  # O neither
])
def test_altered_codes_fail(code):
    assert not uscc_checksum_ok(code)


@pytest.mark.parametrize(("a", "b"), [
    ("聊城（中国）新材料股份有限公司", "聊城(中国)新材料有限公司"),
    ("ＡＢＣ科技有限公司", "abc科技有限责任公司"),
    ("信发 集团", "信发集团有限公司"),
])
def test_names_that_normalise_alike(a, b):
    assert normalize_name(a) == normalize_name(b)


def create(client, headers, **body):
    return client.post("/api/v1/enterprises", headers=headers, json={"name": "中国建材集团有限公司", **body})


def test_create_read_and_list(client, token_for, headers_for):
    created = create(client, token_for("dcf_editor"), uscc="91330100716105852f", is_fortune500=True, province="北京")
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["uscc"] == "91330100716105852F" and body["former_names"] == [] and created.headers["ETag"] == '"1"'
    for who in ("leader", "unit_viewer", "client_read", "office"):
        assert client.get(f"/api/v1/enterprises/{body['id']}", headers=headers_for(who)).status_code == 200
    assert client.get(f"/api/v1/enterprises/{body['id']}").status_code == 401
    listed = client.get("/api/v1/enterprises", headers=token_for("leader"),
                        params={"enterprise_class": "fortune500", "province": "北京", "with_total": True}).json()
    assert listed["total"] == 1 and listed["data"][0]["id"] == body["id"]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403)])
def test_who_may_not_create(client, headers_for, who, status):
    assert create(client, headers_for(who)).status_code == status


def test_failing_checksum_needs_a_reason(client, token_for):
    headers = token_for("dcf_editor")
    refused = create(client, headers, uscc="91330100716105852E")
    assert refused.status_code == 422 and refused.json()["type"] == "/problems/uscc-checksum"
    assert refused.json()["errors"][0]["field"] == "uscc"
    overridden = create(client, headers, uscc="91330100716105852E", uscc_override_reason="早期代码，经工商核实")
    assert overridden.status_code == 201
    malformed = create(client, headers, name="另一家公司", uscc="9133010071610585OF", uscc_override_reason="x")
    assert malformed.status_code == 422 and malformed.json()["type"] == "/problems/uscc-format"


def test_duplicates_are_found_before_creating(client, token_for):
    headers = token_for("dcf_editor")
    first = create(client, headers, uscc=VALID[0], former_names=["中国新型建筑材料公司"]).json()
    same_code = create(client, headers, name="完全不同的名字", uscc=VALID[0])
    assert same_code.status_code == 409 and same_code.json()["candidates"][0]["id"] == first["id"]
    for variant in ("中国建材集团股份有限公司", "中国建材集团 有限公司", "中国新型建筑材料有限公司"):
        response = create(client, headers, name=variant)
        assert response.status_code == 409, variant
        assert response.json()["type"] == "/problems/possible-duplicate"
        assert [c["id"] for c in response.json()["candidates"]] == [first["id"]]
    typed = client.get("/api/v1/enterprises/duplicate-candidates", headers=headers,
                       params={"name": "中国建材集团（有限公司）"}).json()
    assert [c["id"] for c in typed["data"]] == [first["id"]]
    confirmed = create(client, headers, name="中国建材集团股份有限公司", confirm_not_duplicate=True)
    assert confirmed.status_code == 201


def test_update_keeps_the_old_name_and_needs_if_match(client, token_for):
    headers = token_for("dcf_editor")
    ent = create(client, headers).json()
    url = f"/api/v1/enterprises/{ent['id']}"
    assert client.patch(url, headers=headers, json={"name": "中国建材集团"}).status_code == 428
    renamed = client.patch(url, headers={**headers, "If-Match": '"1"'}, json={"name": "中国建材股份公司"})
    assert renamed.status_code == 200 and renamed.json()["former_names"] == ["中国建材集团有限公司"]
    assert client.patch(url, headers={**headers, "If-Match": '"1"'}, json={"city": "北京"}).status_code == 412
    dup = create(client, headers, name="中国建材集团有限公司")  # the former name still counts as a duplicate
    assert dup.status_code == 409


def test_merge_moves_every_link(client, token_for, db, unit, make_enterprise):
    from app.events.models import Event, EventEnterprise
    from app.leads.models import Lead
    from app.projects.models import Project, ProjectEnterprise
    from app.visits.models import Visit

    keep = make_enterprise("中国建材集团有限公司", uscc=None)
    dup = make_enterprise("中国建材集团股份有限公司", uscc=VALID[1])
    dcf = unit("371502").id
    visit = Visit(unit_id=dcf, enterprise_id=dup.id, visit_date=date(2019, 1, 1), region="other")
    lead = Lead(unit_id=dcf, enterprise_id=dup.id, source="chamber", received_on=date(2019, 1, 1))
    both = Event(unit_id=dcf, kind="other", title="两家都到场", event_date=date(2019, 2, 1), region="other")
    only_dup = Event(unit_id=dcf, kind="other", title="只有重复的那家", event_date=date(2019, 2, 2), region="other")
    project = Project(unit_id=dcf, name="项目", total_investment=1000)
    db.add_all([visit, lead, both, only_dup, project])
    db.flush()
    db.add_all([EventEnterprise(event_id=both.id, enterprise_id=keep.id),
                EventEnterprise(event_id=both.id, enterprise_id=dup.id),
                EventEnterprise(event_id=only_dup.id, enterprise_id=dup.id),
                ProjectEnterprise(project_id=project.id, enterprise_id=dup.id)])
    db.commit()
    url = f"/api/v1/enterprises/{dup.id}/merge"
    body = {"into_id": keep.id, "reason": "x"}
    assert client.post(url, headers=token_for("dcf_editor"), json=body).status_code == 403
    assert client.post(url, json={"into_id": keep.id, "reason": "x"}).status_code == 401
    assert client.post(url, headers=token_for("office"), json={"into_id": dup.id, "reason": "x"}).status_code == 422
    merged = client.post(url, headers=token_for("office"), json={"into_id": keep.id, "reason": "同一家企业重复录入"})
    assert merged.status_code == 200, merged.text
    survivor = merged.json()
    assert survivor["uscc"] == VALID[1] and "中国建材集团股份有限公司" in survivor["former_names"]
    db.expire_all()
    assert db.get(Visit, visit.id).enterprise_id == keep.id and db.get(Lead, lead.id).enterprise_id == keep.id
    links = {(e.event_id, e.enterprise_id) for e in db.exec(select(EventEnterprise))}
    assert links == {(both.id, keep.id), (only_dup.id, keep.id)}
    assert db.exec(select(ProjectEnterprise)).one().enterprise_id == keep.id
    gone = client.get(f"/api/v1/enterprises/{dup.id}", headers=token_for("office")).json()
    assert gone["merged_into_id"] == keep.id and gone["merge_reason"] == "同一家企业重复录入"
    history = client.get("/api/v1/audit-events", headers=token_for("office"),
                         params={"entity": "enterprise", "entity_id": dup.id}).json()["data"]
    assert history[0]["action"] == "merge" and history[0]["after"]["merge_reason"] == "同一家企业重复录入"
    again = client.post(url, headers=token_for("office"), json={"into_id": keep.id, "reason": "x"})
    assert again.status_code == 409
    visit_on_merged = client.post("/api/v1/visits", headers=token_for("dcf_editor"), json={
        "enterprise_id": dup.id, "visit_date": "2019-05-01", "region": "other"})
    assert visit_on_merged.status_code == 422 and str(keep.id) in visit_on_merged.json()["detail"]


def test_list_paging_and_query_count(client, token_for, make_enterprise, count_queries):
    for i in range(12):
        make_enterprise(f"企业{i:02d}")
    headers = token_for("leader")
    counts = []
    for limit in (2, 12):
        with count_queries() as n:
            assert (
                len(client.get("/api/v1/enterprises", headers=headers, params={"limit": limit}).json()["data"]) == limit
            )
        counts.append(n())
    assert counts[0] == counts[1]
    page = client.get("/api/v1/enterprises", headers=headers, params={"limit": 5, "sort": "name"}).json()
    rest = client.get(
        "/api/v1/enterprises", headers=headers, params={"limit": 50, "cursor": page["next_cursor"]}
    ).json()
    assert [e["name"] for e in page["data"] + rest["data"]] == [f"企业{i:02d}" for i in range(12)]


def test_idempotent_create(client, token_for):
    headers = {**token_for("dcf_editor"), "Idempotency-Key": "ent-1"}
    a, b = create(client, headers), create(client, headers)
    assert a.status_code == b.status_code == 201 and a.json()["id"] == b.json()["id"]
    assert b.headers["Idempotency-Replayed"] == "true" and b.headers["ETag"] == a.headers["ETag"] == '"1"'


def test_confirmed_namesakes_are_numbered_and_the_key_refuses_a_second_first(client, token_for, db):
    from sqlalchemy.exc import IntegrityError

    from app.enterprises.models import Enterprise

    headers = token_for("dcf_editor")
    first = create(client, headers).json()
    second = create(client, headers, name="中国建材集团股份有限公司", confirm_not_duplicate=True).json()
    third = create(client, headers, name="中国建材 集团", confirm_not_duplicate=True).json()
    seqs = {e.id: e.name_seq for e in db.exec(select(Enterprise).where(Enterprise.name_norm == "中国建材"))}
    assert seqs == {first["id"]: 0, second["id"]: 1, third["id"]: 2}
    with pytest.raises(IntegrityError), db.begin_nested():  # what the pre-check cannot stop, the key does
        db.add(Enterprise(name="中国建材有限公司", name_norm="中国建材"))
        db.flush()


def _blind_first_check(monkeypatch, function: str) -> None:
    """The first look for duplicates sees nothing, as when another editor's insert has not committed yet."""
    from app.enterprises import service

    real, calls = getattr(service, function), []

    def blind(*args, **kwargs):
        calls.append(1)
        return ([] if function == "duplicate_candidates" else 0) if len(calls) == 1 else real(*args, **kwargs)
    monkeypatch.setattr(service, function, blind)


@pytest.mark.parametrize(("body", "problem"), [({}, "possible-duplicate"),
                                               ({"confirm_not_duplicate": True}, "possible-duplicate"),
                                               ({"name": "另一个名字", "uscc": VALID[0]}, "duplicate-uscc")])
def test_a_lost_race_answers_the_sequential_409(client, token_for, monkeypatch, body, problem):
    """The insert loses on the unique key (name or USCC): the same 409 naming the enterprise that won, not 500,
    even for a confirmed namesake (its editor has not seen this one); nothing is saved."""
    headers = token_for("dcf_editor")
    winner = create(client, headers, uscc=VALID[0]).json()
    if body.get("confirm_not_duplicate"):
        _blind_first_check(monkeypatch, "next_name_seq")
    else:
        _blind_first_check(monkeypatch, "duplicate_candidates")
    lost = create(client, headers, **body)
    assert lost.status_code == 409, lost.text
    assert lost.json()["type"] == f"/problems/{problem}" and [c["id"] for c in lost.json()["candidates"]] == [
        winner["id"]]
    listed = client.get("/api/v1/enterprises", headers=headers, params={"with_total": True}).json()
    assert listed["total"] == 1


def test_rename_to_a_namesake_is_numbered_and_a_lost_rename_race_is_409(client, token_for, monkeypatch, db):
    from app.enterprises.models import Enterprise

    headers = token_for("dcf_editor")
    first = create(client, headers).json()
    other = create(client, headers, name="聊城新材料有限公司").json()
    url = f"/api/v1/enterprises/{other['id']}"
    renamed = client.patch(url, headers={**headers, "If-Match": '"1"'}, json={"name": "中国建材集团股份有限公司"})
    assert renamed.status_code == 200 and renamed.json()["former_names"] == ["聊城新材料有限公司"]
    assert db.get(Enterprise, other["id"]).name_seq == 1
    third = create(client, headers, name="阳谷华泰有限公司").json()
    _blind_first_check(monkeypatch, "next_name_seq")  # as if the rename raced the first one's insert
    lost = client.patch(f"/api/v1/enterprises/{third['id']}", headers={**headers, "If-Match": '"1"'},
                        json={"name": "中国建材集团"})
    assert lost.status_code == 409 and lost.json()["type"] == "/problems/possible-duplicate"
    assert {c["id"] for c in lost.json()["candidates"]} == {first["id"], other["id"]}
    again = client.get(f"/api/v1/enterprises/{third['id']}", headers=headers).json()
    assert again["name"] == "阳谷华泰有限公司" and again["version"] == 1
