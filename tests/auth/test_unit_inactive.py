"""A deactivated unit's staff and API clients lose access on their very next request, and cannot sign in again."""

from tests.auth.test_login import login
from tests.auth.test_tokens import bearer, me, refresh

COUNTY, OTHER_COUNTY = "371502", "371581"


def deactivate(client, token_for, unit_id):
    response = client.patch(f"/api/v1/units/{unit_id}", headers=token_for("admin"), json={"active": False})
    assert response.status_code == 200 and response.json()["active"] is False


def assert_unit_inactive(response):
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["type"] == "/problems/unit-inactive" and "单位已停用" in body["detail"]
    assert response.headers["content-type"] == "application/problem+json"


def assert_grant_refused(response, error="invalid_grant"):
    """The token endpoint says it in RFC 6749 words, with our code beside."""
    assert response.status_code == (401 if error == "invalid_client" else 400), response.text
    body = response.json()
    assert body["error"] == error and body["code"] == "unit-inactive" and "单位已停用" in body["error_description"]


def test_staff_of_a_deactivated_unit_are_refused_at_once(client, token_for, unit):
    tokens = login(client, "dcf_editor").json()
    minted = token_for("dcf_editor")
    assert me(client, tokens["access_token"]).status_code == 200
    deactivate(client, token_for, unit(COUNTY).id)
    assert_unit_inactive(me(client, tokens["access_token"]))
    assert_unit_inactive(client.post("/api/v1/enterprises", headers=minted, json={"name": "停用单位测试有限公司"}))
    assert_grant_refused(refresh(client, tokens["refresh_token"]))
    assert_grant_refused(login(client, "dcf_editor"))
    assert_grant_refused(login(client, "dcf_viewer"))
    assert login(client, "dcf_editor", "not-the-password").json()["code"] == "invalid-credentials"
    assert me(client, login(client, "linqing_editor").json()["access_token"]).status_code == 200
    assert client.get("/api/v1/auth/me", headers=token_for("office")).status_code == 200


def client_token(client, api_client, secret):
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": secret},
    )


def test_clients_of_a_deactivated_unit_are_refused_at_once(client, token_for, make_api_client, unit):
    bound, secret, headers = make_api_client(["records:read", "records:write"], unit(COUNTY).id)
    issued = client_token(client, bound, secret)
    assert issued.status_code == 200
    city_wide = make_api_client(["records:read"])[2]
    other = make_api_client(["records:read"], unit(OTHER_COUNTY).id)[2]
    deactivate(client, token_for, unit(COUNTY).id)
    assert_unit_inactive(client.get("/api/v1/visits", headers=headers))
    assert_unit_inactive(client.get("/api/v1/visits", headers=bearer(issued.json()["access_token"])))
    assert_grant_refused(client_token(client, bound, secret), "invalid_client")
    assert client.get("/api/v1/visits", headers=city_wide).status_code == 200
    assert client.get("/api/v1/visits", headers=other).status_code == 200


def test_reactivating_the_unit_lets_its_staff_back_in(client, token_for, unit):
    deactivate(client, token_for, unit(COUNTY).id)
    assert_grant_refused(login(client, "dcf_editor"))
    back = client.patch(f"/api/v1/units/{unit(COUNTY).id}", headers=token_for("admin"), json={"active": True})
    assert back.status_code == 200
    assert me(client, login(client, "dcf_editor").json()["access_token"]).status_code == 200
