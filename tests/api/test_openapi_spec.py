"""The OpenAPI document declares what the server sends, so generated clients work (see core/openapi_spec)."""

import pytest

from app.authz.deps import api_routes
from app.core.openapi_spec import depends_on
from app.idempotency.service import idempotency
from app.main import ROUTERS

PROBLEM = {"$ref": "#/components/schemas/Problem"}
TOKEN = ("/api/v1/auth/token", "post")


@pytest.fixture
def spec(app):
    return app.openapi()


def operations(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            yield path, method, op


def test_component_names_are_unique_and_fastapis_validation_error_is_gone(spec):
    names = spec["components"]["schemas"]
    assert not [n for n in names if n.endswith(("-Input", "-Output"))]
    assert "HTTPValidationError" not in names and "Problem" in names
    assert "HTTPValidationError" not in str(spec["paths"])


def test_every_error_is_a_problem_and_every_answer_names_its_request(spec):
    for path, method, op in operations(spec):
        responses = op["responses"]
        assert "422" in responses and "503" in responses, (method, path)
        for status, response in responses.items():
            assert "X-Request-ID" in response["headers"], (method, path, status)
            if status[0] in "45" and (path, method) != TOKEN:
                assert response["content"] == {"application/problem+json": {"schema": PROBLEM}}, (method, path, status)


def test_errors_follow_the_route(spec):
    patch = spec["paths"]["/api/v1/visits/{visit_id}"]["patch"]
    assert {"401", "403", "404", "409", "412", "413", "422", "428"} <= set(patch["responses"])
    assert {"name": "If-Match", "required": True}.items() <= next(
        p for p in patch["parameters"] if p["name"] == "If-Match").items()
    assert "ETag" in patch["responses"]["200"]["headers"]
    health = spec["paths"]["/api/v1/health"]["get"]["responses"]
    assert "401" not in health and "404" not in health
    assert health["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/HealthOut"}
    units = spec["paths"]["/api/v1/units"]["get"]["responses"]
    assert "412" not in units and "409" not in units


def test_post_routes_taking_an_idempotency_key_declare_it_and_the_replay_header(spec):
    taking = {(r.path_format, m.lower()) for r in api_routes(ROUTERS) for m in r.methods
              if depends_on(r.dependant, idempotency)}
    assert ("/api/v1/visits", "post") in taking
    for path, method, op in operations(spec):
        header = [p for p in op.get("parameters", []) if p["name"] == "Idempotency-Key"]
        assert bool(header) == ((path, method) in taking), (method, path)
        if header:
            success = next(r for s, r in op["responses"].items() if s.startswith("2"))
            assert "Idempotency-Replayed" in success["headers"]


def test_downloads_are_binary_and_answers_are_typed(spec):
    for path, method, op in operations(spec):
        for status, response in op["responses"].items():
            for media_type, media in response.get("content", {}).items():
                if media_type.startswith("application/vnd."):
                    assert media["schema"] == {"type": "string", "format": "binary"}, (method, path)
                elif media_type == "application/json" and status.startswith("2"):
                    assert "$ref" in media["schema"], (method, path, status)


def test_the_token_endpoint_declares_both_client_authentications_and_rfc_6749_errors(spec):
    schemes = spec["components"]["securitySchemes"]
    flows = schemes["BearerToken"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == "/api/v1/auth/token"
    assert set(flows["clientCredentials"]["scopes"]) == {"records:read", "records:write", "feed:read"}
    assert "password" in flows and schemes["clientSecretBasic"] == {**schemes["clientSecretBasic"], "scheme": "basic"}
    token = spec["paths"]["/api/v1/auth/token"]["post"]
    assert {"clientSecretBasic": []} in token["security"]
    for status in ("400", "401"):
        schema = token["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/OAuthErrorBody"}
