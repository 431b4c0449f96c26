"""OAuth2 client credentials for other government systems."""

from tests.auth.test_tokens import bearer


def client_token(client, client_id, secret, scope=None):
    data = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope:
        data["scope"] = scope
    return client.post("/api/v1/auth/token", data=data)


def test_admin_registers_a_client_and_sees_the_secret_once(client, token_for):
    admin = token_for("admin")
    created = client.post("/api/v1/clients", headers=admin, json={"name": "省投资促进平台", "scopes": ["records:read"]})
    assert created.status_code == 201
    body = created.json()
    assert body["client_secret"] and body["scopes"] == ["records:read"] and body["unit_id"] is None
    listed = client.get("/api/v1/clients", headers=admin).json()["data"]
    assert all("client_secret" not in c and "secret_hash" not in c for c in listed)
    token = client_token(client, body["client_id"], body["client_secret"])
    assert token.status_code == 200 and token.json()["scope"] == "records:read"
    assert client.get("/api/v1/units", headers=bearer(token.json()["access_token"])).status_code == 200


def test_client_cannot_ask_for_scopes_it_was_not_granted(client, make_api_client):
    api_client, secret, _ = make_api_client(["records:read"])
    response = client_token(client, api_client.client_id, secret, scope="records:write")
    assert response.status_code == 400


def test_wrong_secret_is_refused(client, make_api_client):
    api_client, _, _ = make_api_client(["records:read"])
    assert client_token(client, api_client.client_id, "wrong").status_code == 401


def test_revoked_client_tokens_stop_working_at_once(client, make_api_client, token_for):
    api_client, secret, headers = make_api_client(["records:read"])
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    assert client.post(f"/api/v1/clients/{api_client.id}/revoke", headers=token_for("admin")).status_code == 200
    assert client.get("/api/v1/units", headers=headers).status_code == 401
    assert client_token(client, api_client.client_id, secret).status_code == 401


def test_client_without_read_scope_is_forbidden(client, make_api_client):
    _, _, headers = make_api_client(["feed:read"])
    assert client.get("/api/v1/units", headers=headers).status_code == 403


def test_unit_bound_client_sees_only_its_unit(client, make_api_client, unit):
    _, _, headers = make_api_client(["records:read"], unit("371502").id)
    me = client.get("/api/v1/auth/me", headers=headers).json()
    assert me["kind"] == "client" and me["unit"]["code"] == "371502"


def test_city_figures_are_for_city_wide_clients_only(client, make_api_client, unit, db):
    from app.targets.seed import seed_plan

    seed_plan(db)
    db.commit()
    params = {"year": 2019, "unit_type": "county"}
    _, _, bound = make_api_client(["records:read"], unit("371502").id)
    _, _, city = make_api_client(["records:read"])
    assert client.get("/api/v1/progress/ranking", headers=bound, params=params).status_code == 403
    assert client.get("/api/v1/progress/ranking", headers=city, params=params).status_code == 200


def basic(client_id, secret):
    """RFC 6749 §2.3.1: each part form-urlencoded, then HTTP Basic."""
    from base64 import b64encode
    from urllib.parse import quote_plus

    return {"Authorization": "Basic " + b64encode(f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()).decode()}


def test_client_secret_basic_gets_a_token(client, make_api_client):
    api_client, secret, _ = make_api_client(["records:read", "records:write"])
    response = client.post("/api/v1/auth/token", headers=basic(api_client.client_id, secret),
                           data={"grant_type": "client_credentials", "scope": "records:read"})
    assert response.status_code == 200 and response.json()["scope"] == "records:read"
    assert response.headers["cache-control"] == "no-store"
    assert client.get("/api/v1/units", headers=bearer(response.json()["access_token"])).status_code == 200


def test_a_wrong_basic_secret_is_invalid_client_with_a_basic_challenge(client, make_api_client):
    api_client, _, _ = make_api_client(["records:read"])
    response = client.post("/api/v1/auth/token", headers=basic(api_client.client_id, "wrong"),
                           data={"grant_type": "client_credentials"})
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Basic ")
    assert response.json()["error"] == "invalid_client" and response.json()["error_description"]
    assert response.headers["content-type"] == "application/json" and response.headers["cache-control"] == "no-store"
    garbled = client.post("/api/v1/auth/token", headers={"Authorization": "Basic !!!"},
                          data={"grant_type": "client_credentials"})
    assert garbled.status_code == 401 and garbled.json()["error"] == "invalid_client"


def test_token_errors_speak_rfc_6749(client, make_api_client):
    api_client, secret, _ = make_api_client(["records:read"])
    post = {"grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": secret}
    both = client.post("/api/v1/auth/token", headers=basic(api_client.client_id, secret), data=post)
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"
    scope = client.post("/api/v1/auth/token", data=post | {"scope": "records:write"})
    assert scope.status_code == 400 and scope.json()["error"] == "invalid_scope"
    wrong = client.post("/api/v1/auth/token", data=post | {"client_secret": "wrong"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    missing = client.post("/api/v1/auth/token", data={"grant_type": "client_credentials"})
    assert missing.status_code == 401 and missing.json()["error"] == "invalid_client"
    grant = client.post("/api/v1/auth/token", data={"grant_type": "authorization_code", "code": "x"})
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
