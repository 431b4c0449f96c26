"""An unknown query parameter is refused (422, naming it), not silently ignored."""

from app.core.query_params import declared_query
from app.main import ROUTERS


def test_an_unknown_filter_answers_422_naming_it(client, token_for):
    response = client.get("/api/v1/visits", headers=token_for("office"), params={"updated_since": "2020-01-01"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/unknown-query-parameter" and "updated_since" in body["detail"]
    assert body["errors"] == [{"field": "updated_since", "location": "query",
                               "message": "不支持的查询参数 updated_since", "type": "unknown_query_parameter"}]


def test_declared_parameters_still_work(client, token_for):
    response = client.get("/api/v1/visits", headers=token_for("office"), params={"limit": 5, "sort": "-visit_date"})
    assert response.status_code == 200


def test_routes_without_query_parameters_refuse_any(client):
    assert client.get("/api/v1/health", params={"verbose": "1"}).status_code == 422
    assert client.get("/api/v1/health").status_code == 200


def test_dependencies_query_parameters_count_as_declared():
    routes = {(r.path, m): r for router in ROUTERS for r in router.routes for m in getattr(r, "methods", ())}
    assert {"cursor", "limit"} <= declared_query(routes[("/api/v1/visits", "GET")])
