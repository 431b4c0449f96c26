"""Password login, throttling and the equal cost of unknown and known usernames."""

from app.core import passwords
from app.seed.liaocheng import DEMO_PASSWORD


def login(client, username, password=DEMO_PASSWORD):
    return client.post("/api/auth/token", data={"grant_type": "password", "username": username, "password": password})


def test_login_returns_working_tokens(client):
    response = login(client, "dcf_editor")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60 and body["refresh_token"]
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}).json()
    assert me["name"] == "dcf_editor" and me["role"] == "unit_editor" and me["unit"]["code"] == "371502"
    assert "units:read" in me["permissions"] and "users:manage" not in me["permissions"]


def test_wrong_password_and_unknown_user_get_the_same_answer(client):
    wrong = login(client, "dcf_editor", "not-the-password")
    unknown = login(client, "nobody-here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.headers["content-type"] == "application/problem+json"


def test_unknown_user_costs_a_password_hash_like_a_known_one(client, monkeypatch):
    calls = []
    real = passwords._hasher.verify
    monkeypatch.setattr(passwords._hasher, "verify", lambda *a: calls.append(1) or real(*a))
    login(client, "dcf_editor", "not-the-password")
    login(client, "nobody-here", "not-the-password")
    assert len(calls) == 2


def test_login_is_throttled_after_repeated_failures(client):
    for _ in range(5):
        assert login(client, "dcf_viewer", "wrong-password").status_code == 401
    locked = login(client, "dcf_viewer")  # even the right password is refused while locked
    assert locked.status_code == 429
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
    assert login(client, "dcf_viewer").status_code == 401


def test_username_is_case_insensitive(client):
    assert login(client, "DCF_Editor").status_code == 200


def test_missing_fields_are_a_validation_problem(client):
    response = client.post("/api/auth/token", data={"grant_type": "password", "username": "x"})
    assert response.status_code == 422
    response = client.post("/api/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "grant_type"
