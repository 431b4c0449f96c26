"""The change feed on SQLite and PostgreSQL: every change once, in order, with the record's current form or a
tombstone, only what the caller may see, resumable by an opaque cursor."""

from app.clients.models import Scope
from tests.feed.helpers import VISIT, committed_client, committed_enterprise, read_all, wait_for


def _mine(changes: list[dict], ids: set[int], kind: str = "visit") -> list[dict]:
    return [c for c in changes if c["kind"] == kind and c["record_id"] in ids]


def test_every_change_once_in_order_with_current_form_then_tombstone(feed, token_for):
    editor, office = token_for("dcf_editor"), token_for("office")
    ent = committed_enterprise(feed.bind, feed.enterprises)
    c = feed.c
    _, start, _ = read_all(c, office, None, limit=500)
    a = c.post("/api/v1/visits", headers=editor, json={**VISIT, "enterprise_id": ent}).json()["id"]
    assert c.patch(f"/api/v1/visits/{a}", headers={**editor, "If-Match": '"1"'},
                   json={"place": "上海"}).status_code == 200
    for action in ("submit", "withdraw"):
        assert c.post(f"/api/v1/visits/{a}/transitions", headers=editor,
                      json={"action": action}).status_code == 200
    b = c.post("/api/v1/visits", headers=editor, json={**VISIT, "enterprise_id": ent}).json()["id"]
    changes, _ = wait_for(c, office, start, lambda seen: len(_mine(seen, {a, b})) == 5)
    mine = _mine(changes, {a, b})
    assert [(ch["record_id"], ch["action"], ch["version"]) for ch in mine] == [
        (a, "create", 1), (a, "update", 2), (a, "submit", 3), (a, "withdraw", 4), (b, "create", 1)]
    assert all(ch["record"]["version"] == 4 and ch["record"]["place"] == "上海" for ch in mine[:4])
    assert not any(ch["deleted"] for ch in mine)

    assert c.delete(f"/api/v1/visits/{b}", headers=editor).status_code == 204
    changes, _ = wait_for(c, office, start, lambda seen: len(_mine(seen, {a, b})) == 6)
    b_changes = _mine(changes, {b})
    assert [(ch["action"], ch["deleted"], ch["record"]) for ch in b_changes] == [
        ("create", True, None), ("delete_draft", True, None)]

    # small pages: the same changes, none twice, in the same order
    paged, _, pages = read_all(c, office, start, limit=2)
    assert pages >= 3
    assert [ch["id"] for ch in paged] == [ch["id"] for ch in changes]
    assert len({ch["id"] for ch in paged}) == len(paged)

    # kinds filter
    only_ent, _, _ = read_all(c, office, start, kinds="enterprise")
    assert all(ch["kind"] == "enterprise" for ch in only_ent)
    assert not _mine(only_ent, {a, b})


def test_the_feed_shows_only_what_the_caller_may_see(feed, settings, token_for, unit):
    ent = committed_enterprise(feed.bind, feed.enterprises)
    dcf = unit("371502").id
    _, dcf_client = committed_client(feed.bind, settings, [Scope.feed_read], dcf, feed.clients)
    _, linqing_client = committed_client(feed.bind, settings, [Scope.feed_read], unit("371581").id, feed.clients)
    _, reader_only = committed_client(feed.bind, settings, [Scope.records_read], dcf, feed.clients)
    c = feed.c
    starts = {}
    for name, headers in (("dcf", dcf_client), ("linqing", linqing_client),
                          ("linqing_editor", token_for("linqing_editor")), ("office", token_for("office"))):
        starts[name] = read_all(c, headers, None, limit=500)[1]
    visit = c.post("/api/v1/visits", headers=token_for("dcf_editor"), json={**VISIT, "enterprise_id": ent}).json()
    seen, _ = wait_for(c, dcf_client, starts["dcf"], lambda s: bool(_mine(s, {visit["id"]})))
    assert [ch["action"] for ch in _mine(seen, {visit["id"]})] == ["create"]
    office_seen, _ = wait_for(c, token_for("office"), starts["office"], lambda s: bool(_mine(s, {visit["id"]})))
    assert _mine(office_seen, {visit["id"]})
    for name in ("linqing", "linqing_editor"):
        headers = linqing_client if name == "linqing" else token_for("linqing_editor")
        other, _, _ = read_all(c, headers, starts[name])
        assert not _mine(other, {visit["id"]}), name
    assert c.get("/api/v1/changes", headers=reader_only).status_code == 403
    assert c.get("/api/v1/changes").status_code == 401
    assert c.delete(f"/api/v1/visits/{visit['id']}", headers=token_for("dcf_editor")).status_code == 204


def test_bad_cursor_and_unknown_kind_are_422(client, token_for):
    office = token_for("office")
    bad = client.get("/api/v1/changes", headers=office, params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "cursor"
    unknown = client.get("/api/v1/changes", headers=office, params={"kinds": "visit,planet"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "kinds"
    assert client.get("/api/v1/changes", headers=office, params={"limit": "501"}).status_code == 422


def test_verification_states_and_an_enterprise_merge_are_in_the_feed(feed, token_for):
    editor, office = token_for("dcf_editor"), token_for("office")
    c = feed.c
    _, start, _ = read_all(c, office, None, limit=500)
    keep, gone = committed_enterprise(feed.bind, feed.enterprises), committed_enterprise(feed.bind, feed.enterprises)
    v = c.post("/api/v1/visits", headers=editor, json={**VISIT, "enterprise_id": gone}).json()["id"]
    steps = [(editor, {"action": "submit"}), (office, {"action": "return", "reason": "地点不全"}),
             (editor, {"action": "submit"}), (office, {"action": "verify"})]
    for headers, body in steps:
        assert c.post(f"/api/v1/visits/{v}/transitions", headers=headers, json=body).status_code == 200
    merged = c.post(f"/api/v1/enterprises/{gone}/merge", headers=office, json={"into_id": keep, "reason": "重复录入"})
    assert merged.status_code == 200, merged.text
    changes, _ = wait_for(c, office, start, lambda seen: any(ch["action"] == "merge" for ch in seen)
                          and len(_mine(seen, {v})) == 6)
    visit_changes = _mine(changes, {v})
    # the merge moved the visit to the surviving enterprise: a change of the visit too
    assert [ch["action"] for ch in visit_changes] == ["create", "submit", "return", "submit", "verify", "update"]
    assert visit_changes[-1]["record"]["enterprise_id"] == keep and visit_changes[-1]["record"]["status"] == "verified"
    merge = [ch for ch in _mine(changes, {gone}, "enterprise") if ch["action"] == "merge"]
    assert len(merge) == 1 and merge[0]["record"]["merged_into_id"] == keep
    assert [ch["action"] for ch in _mine(changes, {keep}, "enterprise")] == ["create", "update"]
