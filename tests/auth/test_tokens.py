"""Access-token checks, refresh rotation and revocation, logout and disabling."""

from datetime import timedelta

import pytest
from jose import jwt as jose_jwt

from app.auth.service import new_family
from app.core import jwt
from tests.auth.test_login import login


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def me(client, token):
    return client.get("/api/v1/auth/me", headers=bearer(token))


@pytest.fixture
def signed_in(db, user):
    """A user's id and a fresh sign-in family of theirs, for hand-made tokens."""
    def make(username):
        u = user(username)
        return u.id, new_family(db, u)
    return make


def mint(settings, who, *, secret=None, ttl=timedelta(minutes=5), token_type="access", audience=None, sv=1):
    user_id, family = who
    token, _ = jwt.encode({"sub": f"user:{user_id}", "sv": sv, "fam": family},
                          secret=secret or settings.secret_key.get_secret_value(),
                          audience=audience or settings.jwt_audience, issuer=settings.jwt_issuer, ttl=ttl,
                          token_type=token_type)
    return token


def test_missing_token_is_401_with_bearer_challenge(client):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_expired_token_is_refused(client, settings, signed_in):
    assert me(client, mint(settings, signed_in("office"), ttl=timedelta(seconds=-5))).status_code == 401


def test_token_signed_with_another_key_is_refused(client, settings, signed_in):
    assert me(client, mint(settings, signed_in("office"), secret="x" * 40)).status_code == 401


def test_tampered_token_is_refused(client, settings, signed_in):
    head, payload, sig = mint(settings, signed_in("leader")).split(".")
    other = mint(settings, signed_in("admin")).split(".")[1]
    assert me(client, f"{head}.{other}.{sig}").status_code == 401
    assert me(client, f"{head}.{payload}.{sig[:-2]}AA").status_code == 401


def test_alg_none_token_is_refused(client, settings, signed_in):
    import base64
    import json

    def b64(d):
        return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()
    claims = jose_jwt.get_unverified_claims(mint(settings, signed_in("admin")))
    forged = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."
    assert me(client, forged).status_code == 401


def test_wrong_audience_and_wrong_type_are_refused(client, settings, signed_in):
    uid = signed_in("office")
    assert me(client, mint(settings, uid, audience="another-system")).status_code == 401
    assert me(client, mint(settings, uid, token_type="refresh")).status_code == 401
    assert me(client, mint(settings, uid)).status_code == 200


def refresh(client, token):
    return client.post("/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": token})


def test_refresh_rotates_and_a_reused_token_ends_the_family(client):
    first = login(client, "office").json()
    second = refresh(client, first["refresh_token"])
    assert second.status_code == 200
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert me(client, second["access_token"]).status_code == 200
    reused = refresh(client, first["refresh_token"])
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    # the thief's copy was used: the legitimate newer token is dead too
    assert refresh(client, second["refresh_token"]).status_code == 400


def test_unknown_refresh_token_is_refused(client):
    refused = refresh(client, "not-a-token")
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_logout_ends_access_and_refresh_tokens(client):
    tokens = login(client, "dcf_editor").json()
    assert client.post("/api/v1/auth/logout", headers=bearer(tokens["access_token"])).status_code == 204
    assert me(client, tokens["access_token"]).status_code == 401
    assert refresh(client, tokens["refresh_token"]).status_code == 400


def test_disabling_a_user_ends_their_sessions(client, token_for, user):
    tokens = login(client, "dcf_viewer").json()
    response = client.patch(
        f"/api/v1/users/{user('dcf_viewer').id}", json={"active": False}, headers=token_for("admin")
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert me(client, tokens["access_token"]).status_code == 401
    assert refresh(client, tokens["refresh_token"]).status_code == 400


def test_changing_own_password_requires_the_current_one(client, token_for):
    headers = token_for("dcf_editor")
    bad = client.post("/api/v1/users/me/password", headers=headers,
                      json={"current_password": "nope", "new_password": "a-new-password-1"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "current_password"
    ok = client.post("/api/v1/users/me/password", headers=headers,
                     json={"current_password": "zhaoshang-demo", "new_password": "a-new-password-1"})
    assert ok.status_code == 204
    assert login(client, "dcf_editor", "a-new-password-1").status_code == 200
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401  # old session ended


def test_a_reused_refresh_token_ends_its_familys_access_tokens_at_once(client):
    elsewhere = login(client, "office").json()  # another sign-in of the same user
    first = login(client, "office").json()
    second = refresh(client, first["refresh_token"]).json()
    assert me(client, second["access_token"]).status_code == 200
    reused = refresh(client, first["refresh_token"])
    assert reused.status_code == 400 and reused.json()["code"] == "refresh-reused"
    # not 15 minutes later: every access token of the family is refused now
    assert me(client, second["access_token"]).status_code == 401
    assert me(client, first["access_token"]).status_code == 401
    assert refresh(client, second["refresh_token"]).status_code == 400
    assert me(client, elsewhere["access_token"]).status_code == 200  # only that sign-in ended


def test_an_access_token_without_a_known_family_is_refused(client, settings, signed_in):
    uid, _ = signed_in("office")
    assert me(client, mint(settings, (uid, "no-such-family"))).status_code == 401
    other_uid, family = signed_in("leader")
    assert me(client, mint(settings, (uid, family))).status_code == 401  # another user's family
    assert me(client, mint(settings, (other_uid, family))).status_code == 200
