"""OAuth2 client credentials for other government systems."""

from tests.auth.test_tokens import bearer


def client_token(client, client_id, secret, scope=None):
    data = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope:
        data["scope"] = scope
    return client.post("/api/auth/token", data=data)


def test_admin_registers_a_client_and_sees_the_secret_once(client, token_for):
    admin = token_for("admin")
    created = client.post("/api/clients", headers=admin, json={"name": "省投资促进平台", "scopes": ["records:read"]})
    assert created.status_code == 201
    body = created.json()
    assert body["client_secret"] and body["scopes"] == ["records:read"] and body["unit_id"] is None
    listed = client.get("/api/clients", headers=admin).json()["data"]
    assert all("client_secret" not in c and "secret_hash" not in c for c in listed)
    token = client_token(client, body["client_id"], body["client_secret"])
    assert token.status_code == 200 and token.json()["scope"] == "records:read"
    assert client.get("/api/units", headers=bearer(token.json()["access_token"])).status_code == 200


def test_client_cannot_ask_for_scopes_it_was_not_granted(client, make_api_client):
    api_client, secret, _ = make_api_client(["records:read"])
    response = client_token(client, api_client.client_id, secret, scope="records:write")
    assert response.status_code == 400


def test_wrong_secret_is_refused(client, make_api_client):
    api_client, _, _ = make_api_client(["records:read"])
    assert client_token(client, api_client.client_id, "wrong").status_code == 401


def test_revoked_client_tokens_stop_working_at_once(client, make_api_client, token_for):
    api_client, secret, headers = make_api_client(["records:read"])
    assert client.get("/api/units", headers=headers).status_code == 200
    assert client.post(f"/api/clients/{api_client.id}/revoke", headers=token_for("admin")).status_code == 200
    assert client.get("/api/units", headers=headers).status_code == 401
    assert client_token(client, api_client.client_id, secret).status_code == 401


def test_client_without_read_scope_is_forbidden(client, make_api_client):
    _, _, headers = make_api_client(["feed:read"])
    assert client.get("/api/units", headers=headers).status_code == 403


def test_unit_bound_client_sees_only_its_unit(client, make_api_client, unit):
    _, _, headers = make_api_client(["records:read"], unit("371502").id)
    me = client.get("/api/auth/me", headers=headers).json()
    assert me["kind"] == "client" and me["unit"]["code"] == "371502"


def test_city_figures_are_for_city_wide_clients_only(client, make_api_client, unit, db):
    from app.targets.seed import seed_plan

    seed_plan(db)
    db.commit()
    params = {"year": 2019, "unit_type": "county"}
    _, _, bound = make_api_client(["records:read"], unit("371502").id)
    _, _, city = make_api_client(["records:read"])
    assert client.get("/api/progress/ranking", headers=bound, params=params).status_code == 403
    assert client.get("/api/progress/ranking", headers=city, params=params).status_code == 200
