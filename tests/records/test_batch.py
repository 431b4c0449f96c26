"""External ids and batch upsert (`POST /api/v1/{kind}/batch`), written once in records and served for every kind."""

import pytest
from sqlmodel import func, select

from app.audit.models import AuditEvent
from app.feed.models import FeedChange
from app.visits.models import Visit

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "outcome": "达成初步合作意向"}


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国建材集团有限公司")


def items(ent, n, **overrides):
    return [{**VISIT, "enterprise_id": ent.id, "external_id": f"V-{i}", **overrides} for i in range(n)]


def push(client, headers, batch_items, kind="visits", **options):
    return client.post(f"/api/v1/{kind}/batch", headers=headers, json={"items": batch_items, **options})


def counts(db):
    return (db.exec(select(func.count()).select_from(Visit)).one(),
            db.exec(select(func.count()).select_from(AuditEvent)).one(),
            db.exec(select(func.count()).select_from(FeedChange)).one())


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("leader", 403), ("unit_viewer", 403),
                                             ("client_read", 403)])
def test_who_may_not_push(client, headers_for, ent, who, status):
    response = push(client, headers_for(who), items(ent, 1))
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")


def test_created_then_unchanged_writes_nothing_the_second_time(client, token_for, ent, db):
    headers = token_for("dcf_editor")
    first = push(client, headers, items(ent, 3))
    assert first.status_code == 200, first.text
    body = first.json()
    assert [i["outcome"] for i in body["items"]] == ["created"] * 3 and body["created"] == 3
    assert [i["index"] for i in body["items"]] == [0, 1, 2] and all(i["version"] == 1 for i in body["items"])
    before = counts(db)
    again = push(client, headers, items(ent, 3))
    assert [i["outcome"] for i in again.json()["items"]] == ["unchanged"] * 3
    assert [i["id"] for i in again.json()["items"]] == [i["id"] for i in body["items"]]
    assert counts(db) == before  # no record, no audit event, no feed change


def test_a_changed_item_is_updated_through_the_kinds_update(client, token_for, ent):
    headers = token_for("dcf_editor")
    first = push(client, headers, items(ent, 2)).json()["items"]
    changed = items(ent, 2)
    changed[1]["outcome"] = "签约"
    body = push(client, headers, changed).json()
    assert [i["outcome"] for i in body["items"]] == ["unchanged", "updated"] and body["updated"] == 1
    assert body["items"][1]["version"] == 2
    record = client.get(f"/api/v1/visits/{first[1]['id']}", headers=headers).json()
    assert record["outcome"] == "签约" and record["external_id"] == "V-1"
    assert record["external_source"].startswith("unit:")
    history = client.get(f"/api/v1/visits/{first[1]['id']}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history][:2] == ["update", "create"]


def test_a_bad_item_is_an_error_and_the_others_go_through(client, token_for, ent):
    batch = items(ent, 3)
    batch[1]["enterprise_id"] = 999999
    body = push(client, token_for("dcf_editor"), batch).json()
    assert [i["outcome"] for i in body["items"]] == ["created", "error", "created"]
    problem = body["items"][1]["problem"]
    assert problem["status"] == 422 and problem["errors"][0]["field"] == "enterprise_id"
    assert body["items"][1]["id"] is None and body["errors"] == 1


def test_atomic_rejects_the_whole_batch_and_writes_nothing(client, token_for, ent, db):
    before = counts(db)
    batch = items(ent, 3)
    batch[2]["enterprise_id"] = 999999
    response = push(client, token_for("dcf_editor"), batch, atomic=True)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("/batch-rejected") and [i["index"] for i in problem["items"]] == [2]
    assert counts(db) == before


def test_a_verified_record_is_a_conflict_and_the_rest_still_go_through(client, token_for, ent):
    editor = token_for("dcf_editor")
    first = push(client, editor, items(ent, 2), submit=True).json()["items"]
    verified = client.post(f"/api/v1/visits/{first[0]['id']}/transitions", headers=token_for("office"),
                           json={"action": "verify"})
    assert verified.status_code == 200, verified.text
    changed = items(ent, 3, outcome="又谈了一次")
    body = push(client, editor, changed).json()
    assert [i["outcome"] for i in body["items"]] == ["error", "error", "created"]
    assert body["items"][0]["problem"]["status"] == 409
    assert body["items"][0]["problem"]["type"].endswith("/record-locked")
    assert body["items"][0]["id"] == first[0]["id"]


def test_submit_true_submits_what_it_wrote(client, token_for, ent):
    headers = token_for("dcf_editor")
    body = push(client, headers, items(ent, 2), submit=True).json()
    assert [i["outcome"] for i in body["items"]] == ["created", "created"]
    assert all(i["version"] == 2 for i in body["items"])
    record = client.get(f"/api/v1/visits/{body['items'][0]['id']}", headers=headers).json()
    assert record["status"] == "submitted"
    assert [i["outcome"] for i in push(client, headers, items(ent, 2), submit=True).json()["items"]] == \
        ["unchanged", "unchanged"]


def test_more_than_500_items_are_refused(client, token_for, ent, db):
    before = counts(db)
    response = push(client, token_for("dcf_editor"), items(ent, 501))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("items")
    assert counts(db) == before


def test_an_external_id_twice_in_a_batch_is_refused(client, token_for, ent):
    response = push(client, token_for("dcf_editor"), items(ent, 1) * 2)
    assert response.status_code == 422 and "V-0" in response.json()["detail"]


def test_by_external_id_finds_only_the_callers_own(client, token_for, ent):
    push(client, token_for("dcf_editor"), items(ent, 1))
    found = client.get("/api/v1/visits/by-external-id/V-0", headers=token_for("dcf_editor"))
    assert found.status_code == 200 and found.json()["external_id"] == "V-0" and found.headers["ETag"] == '"1"'
    assert client.get("/api/v1/visits/by-external-id/V-0", headers=token_for("linqing_editor")).status_code == 404
    assert client.get("/api/v1/visits/by-external-id/V-0", headers=token_for("office")).status_code == 404
    assert client.get("/api/v1/visits/by-external-id/V-0", headers={}).status_code == 401
    assert client.get("/api/v1/visits/by-external-id/nope", headers=token_for("dcf_editor")).status_code == 404


def test_the_list_filters_by_the_callers_external_id(client, token_for, ent):
    push(client, token_for("dcf_editor"), items(ent, 2))
    listed = client.get("/api/v1/visits", params={"external_id": "V-1"}, headers=token_for("dcf_editor")).json()
    assert [v["external_id"] for v in listed["data"]] == ["V-1"]
    other = client.get("/api/v1/visits", params={"external_id": "V-1"}, headers=token_for("office")).json()
    assert other["data"] == []


def test_external_ids_are_per_source(client, token_for, make_api_client, ent, unit):
    push(client, token_for("dcf_editor"), items(ent, 1))
    _, _, api = make_api_client(["records:read", "records:write"], unit("371502").id)
    body = push(client, api, items(ent, 1)).json()
    assert body["items"][0]["outcome"] == "created"  # the client's namespace is its own
    mine = client.get("/api/v1/visits/by-external-id/V-0", headers=api).json()
    assert mine["id"] == body["items"][0]["id"] and mine["external_source"].startswith("client:")


def test_a_single_create_or_patch_may_not_reuse_an_external_id(client, token_for, ent):
    headers = token_for("dcf_editor")
    created = client.post("/api/v1/visits", headers=headers, json={**VISIT, "enterprise_id": ent.id,
                                                                   "external_id": "S-1"})
    assert created.status_code == 201 and created.json()["external_id"] == "S-1"
    again = client.post("/api/v1/visits", headers=headers, json={**VISIT, "enterprise_id": ent.id,
                                                                 "external_id": "S-1"})
    assert again.status_code == 409 and again.json()["type"].endswith("/external-id-taken")
    other = client.post("/api/v1/visits", headers=headers, json={**VISIT, "enterprise_id": ent.id}).json()
    patched = client.patch(f"/api/v1/visits/{other['id']}", headers={**headers, "If-Match": '"1"'},
                           json={"external_id": "S-1"})
    assert patched.status_code == 409
    renamed = client.patch(f"/api/v1/visits/{other['id']}", headers={**headers, "If-Match": '"1"'},
                           json={"external_id": "S-2"})
    assert renamed.status_code == 200 and renamed.json()["external_id"] == "S-2"


def test_an_external_id_is_at_most_100_characters_without_nul(client, token_for, ent):
    headers = token_for("dcf_editor")
    assert push(client, headers, items(ent, 1, external_id="x" * 101)).status_code == 422
    assert push(client, headers, items(ent, 1, external_id="a\x00b")).status_code == 422


def test_enterprises_match_by_uscc(client, token_for, make_enterprise):
    ent = make_enterprise("山东聊城示例有限公司", uscc="91371500MA3C8XYW1A")
    headers = token_for("dcf_editor")
    item = {"name": "山东聊城示例有限公司", "uscc": "91371500MA3C8XYW1A", "external_id": "E-1",
            "uscc_override_reason": "测试代码"}
    body = push(client, headers, [item], kind="enterprises").json()
    assert body["items"][0]["id"] == ent.id and body["items"][0]["outcome"] == "updated", str(body["items"][0])
    assert client.get("/api/v1/enterprises/by-external-id/E-1", headers=headers).json()["id"] == ent.id
    assert push(client, headers, [item], kind="enterprises").json()["items"][0]["outcome"] == "unchanged"


def test_a_kind_without_workflow_refuses_submit(client, token_for):
    response = push(client, token_for("dcf_editor"), [{"name": "某某有限公司", "external_id": "E-2"}],
                    kind="enterprises", submit=True)
    assert response.status_code == 422


def test_with_or_without_an_idempotency_key_a_repush_writes_nothing(client, token_for, ent, db):
    headers = token_for("dcf_editor")
    first = push(client, {**headers, "Idempotency-Key": "batch-1"}, items(ent, 2))
    before = counts(db)
    replayed = push(client, {**headers, "Idempotency-Key": "batch-1"}, items(ent, 2))
    assert replayed.headers["Idempotency-Replayed"] == "true" and replayed.json() == first.json()
    other_key = push(client, {**headers, "Idempotency-Key": "batch-2"}, items(ent, 2)).json()
    assert [i["outcome"] for i in other_key["items"]] == ["unchanged", "unchanged"]
    assert counts(db) == before


def test_projects_and_events_compare_their_enterprises_and_shares_in_any_order(client, token_for, unit,
                                                                                make_enterprise):
    from tests.projects.helpers import project_body

    ents = [make_enterprise("企业甲"), make_enterprise("企业乙")]
    editor = token_for("grp01_editor")
    project = {**project_body(ents[0], unit, enterprise_ids=[e.id for e in ents]), "external_id": "P-1"}
    assert push(client, editor, [project], kind="projects").json()["created"] == 1
    shuffled = {**project, "enterprise_ids": project["enterprise_ids"][::-1], "credits": project["credits"][::-1],
                "total_investment": 25000.5}
    assert push(client, editor, [shuffled], kind="projects").json()["unchanged"] == 1
    event = {"kind": "promotion", "title": "新材料产业专题推介会", "event_date": "2019-09-10", "region": "other",
             "enterprise_ids": [e.id for e in ents], "external_id": "EV-1"}
    assert push(client, editor, [event], kind="events").json()["created"] == 1
    assert push(client, editor, [{**event, "enterprise_ids": [ents[1].id, ents[0].id]}],
                kind="events").json()["unchanged"] == 1
    fewer = push(client, editor, [{**event, "enterprise_ids": [ents[1].id]}], kind="events").json()
    assert fewer["updated"] == 1


def test_a_field_only_a_create_takes_may_be_repeated_but_not_changed(client, token_for, ent, unit):
    headers = token_for("dcf_editor")
    push(client, headers, items(ent, 1, unit_id=unit("371502").id))
    assert push(client, headers, items(ent, 1, unit_id=unit("371502").id)).json()["unchanged"] == 1
    moved = push(client, headers, items(ent, 1, unit_id=unit("371581").id)).json()["items"][0]
    assert moved["outcome"] == "error" and moved["problem"]["type"].endswith("/field-not-updatable")
