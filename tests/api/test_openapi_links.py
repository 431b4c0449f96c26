"""The spec says where a created record's id goes next (OpenAPI links), so clients and stateful testers can chain."""

from app.core.config import Settings
from app.main import create_app


def _spec():
    from sqlalchemy import create_engine

    app = create_app(Settings(environment="development", database_url="sqlite://"), engine=create_engine("sqlite://"))
    return app.openapi()


def test_a_created_visit_links_to_reading_changing_and_moving_it():
    links = _spec()["paths"]["/api/v1/visits"]["post"]["responses"]["201"]["links"]
    assert links["getVisit"] == {"operationId": "getVisit", "parameters": {"visit_id": "$response.body#/id"}}
    assert {"updateVisit", "transitionVisit", "getVisitHistory"} <= set(links)


def test_every_create_with_an_item_path_links_to_existing_operations_by_the_id_it_returns():
    spec = _spec()
    paths = spec["paths"]
    operation_ids = {op["operationId"] for ops in paths.values() for op in ops.values() if "operationId" in op}
    linked = 0
    for path, ops in paths.items():
        created = ops.get("post", {}).get("responses", {}).get("201")
        if created is None or not any(p.startswith(path + "/{") for p in paths):
            continue
        links = created.get("links")
        assert links, f"POST {path} creates records but links nowhere"
        for name, link in links.items():
            assert link["operationId"] == name and name in operation_ids
            [(param, source)] = link["parameters"].items()
            assert source == "$response.body#/id" and any(f"{{{param}}}" in p for p in paths)
        linked += 1
    assert linked >= 8  # the six record kinds, users, target sets, clients, quarters …
