"""Password login, throttling and the equal cost of unknown and known usernames."""

from app.core import passwords
from app.seed.liaocheng import DEMO_PASSWORD


def login(client, username, password=DEMO_PASSWORD):
    return client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": username, "password": password}
    )


def test_login_returns_working_tokens(client):
    response = login(client, "dcf_editor")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60 and body["refresh_token"]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}).json()
    assert me["name"] == "dcf_editor" and me["role"] == "unit_editor" and me["unit"]["code"] == "371502"
    assert "units:read" in me["permissions"] and "users:manage" not in me["permissions"]


def test_wrong_password_and_unknown_user_get_the_same_answer(client):
    wrong = login(client, "dcf_editor", "not-the-password")
    unknown = login(client, "nobody-here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() | {"request_id": ""} == unknown.json() | {"request_id": ""}
    assert wrong.json()["error"] == "invalid_grant" and wrong.headers["content-type"] == "application/json"
    assert wrong.headers["cache-control"] == "no-store"


def test_unknown_user_costs_a_password_hash_like_a_known_one(client, monkeypatch):
    calls = []
    real = passwords._hasher.verify
    monkeypatch.setattr(passwords._hasher, "verify", lambda *a: calls.append(1) or real(*a))
    login(client, "dcf_editor", "not-the-password")
    login(client, "nobody-here", "not-the-password")
    assert len(calls) == 2


def test_login_is_throttled_after_repeated_failures(client):
    for _ in range(5):
        assert login(client, "dcf_viewer", "wrong-password").status_code == 400
    locked = login(client, "dcf_viewer")  # even the right password is refused while locked
    assert locked.status_code == 429 and locked.json()["error"] == "invalid_grant"
    assert int(locked.headers["Retry-After"]) > 0
    assert login(client, "linqing_editor").status_code == 200  # other accounts unaffected


def test_throttle_applies_to_unknown_usernames_too(client):
    for _ in range(5):
        login(client, "ghost", "wrong-password")
    assert login(client, "ghost", "wrong-password").status_code == 429


def test_disabled_user_cannot_log_in(client, db, user):
    u = user("dcf_viewer")
    u.active = False
    db.add(u)
    db.commit()
    assert login(client, "dcf_viewer").json()["error"] == "invalid_grant"


def test_username_is_case_insensitive(client):
    assert login(client, "DCF_Editor").status_code == 200


def test_missing_fields_and_unknown_grants_are_answered_in_rfc_6749_words(client):
    response = client.post("/api/v1/auth/token", data={"grant_type": "password", "username": "x"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"
    response = client.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"
    response = client.post("/api/v1/auth/token", data={"username": "x"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"
    response = client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": "x" * 5000, "password": "y"}
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"
