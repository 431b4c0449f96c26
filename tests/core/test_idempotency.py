"""Idempotency-Key is honoured on every POST, and a racing duplicate gets 409 on PostgreSQL."""

import threading

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.authz.deps import api_routes
from app.idempotency.service import idempotency
from app.main import ROUTERS

# POSTs where replaying a stored answer would be wrong, each with the reason.
EXEMPT = {
    "/api/v1/auth/token": "OAuth2 token endpoint: tokens must never be stored or replayed",
    "/api/v1/auth/logout": "ending sessions is naturally idempotent",
    "/api/v1/users/me/password": "would store nothing useful; repeating fails on the old password",
    "/api/v1/clients": "the client secret is shown once and must not be stored for a replay",
    "/api/v1/webhooks": "the signing secret is shown once and must not be stored for a replay",
}


def _uses_idempotency(dependant) -> bool:
    return any(dep.call is idempotency or _uses_idempotency(dep) for dep in dependant.dependencies)


def test_every_post_route_takes_an_idempotency_key():
    missing = [r.path for r in api_routes(ROUTERS) if "POST" in r.methods and r.path not in EXEMPT
               and not _uses_idempotency(r.dependant)]
    assert missing == []


def test_admin_post_replays(client, token_for):
    headers = {**token_for("admin"), "Idempotency-Key": "unit-chb-wh"}
    body = {"code": "CHB-WH", "type": "chamber", "name_zh": "武汉聊城商会"}
    first, again = (client.post("/api/v1/units", headers=headers, json=body) for _ in range(2))
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]


def test_bad_key_is_400(client, token_for):
    response = client.post("/api/v1/units", headers={**token_for("admin"), "Idempotency-Key": "x" * 201},
                           json={"code": "Q", "type": "chamber", "name_zh": "q"})
    assert response.status_code == 400


def test_racing_duplicates_get_one_answer_and_a_409(app, engine, settings, token_for):
    """Two requests with one key at the same moment: one does the work; the other is told to retry (409) or,
    arriving after the first committed, gets its stored answer (a 201 marked as replayed) — never a second
    original 201."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, so requests never overlap there")
    gate = threading.Barrier(2)
    original = app.state.session_factory
    results: list[tuple[int, str | None]] = []
    headers = {**token_for("admin"), "Idempotency-Key": "race-1"}
    body = {"code": "RACE-1", "type": "chamber", "name_zh": "并发商会"}

    def call():
        with TestClient(app) as c:
            gate.wait()
            response = c.post("/api/v1/units", headers=headers, json=body)
            results.append((response.status_code, response.headers.get("Idempotency-Replayed")))

    threads = [threading.Thread(target=call) for _ in range(2)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        originals = [r for r in results if r == (201, None)]
        others = [r for r in results if r != (201, None)]
        assert len(results) == 2 and len(originals) == 1, results
        assert others[0] in ((409, None), (201, "true")), results
        with TestClient(app) as c:
            assert c.post("/api/v1/units", headers=headers, json=body).status_code == 201  # replayed
            units = c.get("/api/v1/units", headers=token_for("admin"), params={"q": "RACE-1"}).json()
        assert units["count"] == 1
    finally:
        app.state.session_factory = original
        with Session(engine) as s:  # this test committed for real: clean up
            s.connection().exec_driver_sql("DELETE FROM idempotency_record WHERE key = 'race-1'")
            s.connection().exec_driver_sql("DELETE FROM unit WHERE code = 'RACE-1'")
            s.commit()


def test_a_replayed_create_carries_the_original_etag(client, token_for, make_enterprise):
    """The replay is the original answer, headers included: its ETag matches the version in its body, even after
    the record has changed since."""
    headers = {**token_for("dcf_editor"), "Idempotency-Key": "visit-etag"}
    body = {"enterprise_id": make_enterprise().id, "visit_date": "2019-05-01", "region": "other"}
    first = client.post("/api/v1/visits", headers=headers, json=body)
    assert first.status_code == 201 and first.headers["ETag"] == '"1"'
    edited = client.patch(
        f"/api/v1/visits/{first.json()['id']}",
        headers={**token_for("dcf_editor"), "If-Match": '"1"'},
        json={"place": "厂区"},
    )
    assert edited.status_code == 200 and edited.headers["ETag"] == '"2"'
    again = client.post("/api/v1/visits", headers=headers, json=body)
    assert again.status_code == 201 and again.headers["Idempotency-Replayed"] == "true"
    assert again.headers["ETag"] == '"1"' and again.json() == first.json()
