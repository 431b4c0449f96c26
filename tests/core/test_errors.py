"""Every error is problem+json with a Chinese-readable detail, and never a stack trace."""

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


def assert_problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("/problems/")
    return body


def test_unknown_api_path_is_404_problem(client, token_for):
    assert_problem(client.get("/api/v1/no-such-thing", headers=token_for("admin")), 404)


def test_wrong_method_is_405_problem(client):
    assert_problem(client.put("/api/v1/units"), 405)


def test_validation_errors_name_the_field_in_chinese(client, token_for):
    body = assert_problem(client.post("/api/v1/units", headers=token_for("admin"),
                                      json={"code": "ok", "type": "planet", "name_zh": "", "extra": 1}), 422)
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert fields["extra"] == "不允许的字段"
    assert fields["name_zh"].startswith("长度不能少于")
    assert fields["type"].startswith("取值应为以下之一")


def test_nul_is_refused_in_bodies_and_urls(client, token_for):
    admin = token_for("admin")
    body = {"code": "a", "type": "county", "name_zh": "a\u0000b"}
    assert_problem(client.post("/api/v1/units", headers=admin, json=body), 422)
    assert_problem(client.get("/api/v1/units?q=a%00b", headers=admin), 400)


def test_huge_integers_are_refused_not_crashed(client, token_for):
    assert_problem(client.get("/api/v1/units/99999999999999999999", headers=token_for("admin")), 422)
    assert_problem(client.get("/api/v1/users?unit_id=-1", headers=token_for("admin")), 422)


def test_oversized_body_is_413(client, token_for):
    big = "x" * (3 * 1024 * 1024)
    assert_problem(client.post("/api/v1/units", headers={**token_for("admin"), "Content-Type": "application/json"},
                               content=big), 413)


def test_malformed_json_is_422(client, token_for):
    assert_problem(client.post("/api/v1/units", headers={**token_for("admin"), "Content-Type": "application/json"},
                               content=b"{not json"), 422)


def test_unexpected_failure_is_500_problem_without_internals(settings, engine):
    app = create_app(settings, engine)

    def boom():
        raise RuntimeError("secret internal detail at /srv/app.py line 3")

    app.add_api_route("/boom", boom)
    app.router.routes.insert(0, app.router.routes.pop())  # ahead of the SPA's catch-all

    with TestClient(app, raise_server_exceptions=False) as c:
        body = assert_problem(c.get("/boom"), 500)
    assert "secret" not in str(body) and "Traceback" not in str(body) and body["request_id"]


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_use_only_local_assets(client, path):
    html = client.get(path).text
    assert "/docs-static/" in html
    assert "cdn" not in html.lower() and "googleapis" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        if asset in html:
            assert client.get(f"/docs-static/{asset}").status_code == 200


def test_request_id_is_echoed(client):
    response = client.get("/api/v1/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
