"""Logs and metrics as an operator uses them: a failing request's JSON log line carries the request id its
problem+json shows; one access line per request with route, status, user and unit; /metrics only when
enabled and for allowed addresses, counting requests by route template."""

import json
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine

from app.core.config import Settings
from app.core.db import session_factory
from app.main import create_app


def _client(settings: Settings, engine: Engine, connection: Connection, peer: str = "127.0.0.1",
            **overrides: object) -> Iterator[tuple[FastAPI, TestClient]]:
    app = create_app(settings.model_copy(update=overrides), engine)
    app.state.session_factory = session_factory(connection)

    @app.get("/api/v1/test-boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug the operator must find by request id")

    app.router.routes.insert(0, app.router.routes.pop())  # before the SPA's catch-all

    with TestClient(app, raise_server_exceptions=False, client=(peer, 50000)) as client:
        yield app, client


@pytest.fixture
def json_app(settings: Settings, engine: Engine, connection: Connection) -> Iterator[TestClient]:
    for _, client in _client(settings, engine, connection, log_format="json"):
        yield client


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_a_failing_request_logs_its_request_id_in_json(json_app: TestClient,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    r = json_app.get("/api/v1/test-boom")
    assert r.status_code == 500
    rid = r.json()["request_id"]
    lines = _json_lines(capsys.readouterr().err)
    error = [line for line in lines if line["logger"] == "zhaoshang.errors"]
    assert len(error) == 1
    assert error[0]["request_id"] == rid and error[0]["level"] == "error"
    assert "a bug the operator must find by request id" in error[0]["error"]
    access = [line for line in lines if line["logger"] == "zhaoshang.access"]
    assert [(a["route"], a["status"], a["request_id"]) for a in access] == [("/api/v1/test-boom", 500, rid)]


def test_one_access_line_per_request_with_route_user_and_unit(json_app: TestClient, token_for, user,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    editor = user("dcf_editor")
    r = json_app.get(f"/api/v1/units/{editor.unit_id}", headers=token_for("dcf_editor"))
    assert r.status_code == 200
    access = [line for line in _json_lines(capsys.readouterr().err) if line["logger"] == "zhaoshang.access"]
    assert len(access) == 1
    line = access[0]
    assert (line["method"], line["route"], line["status"]) == ("GET", "/api/v1/units/{unit_id}", 200)
    assert (line["user_id"], line["unit_id"], line["request_id"]) == (editor.id, editor.unit_id,
                                                                     r.headers["x-request-id"])
    assert line["ms"] >= 0


def test_metrics_are_off_unless_enabled(settings: Settings, engine: Engine, connection: Connection) -> None:
    for _, client in _client(settings, engine, connection, metrics_enabled=False):
        r = client.get("/metrics")
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"


def test_metrics_refuse_addresses_not_allowed(settings: Settings, engine: Engine, connection: Connection) -> None:
    for _, client in _client(settings, engine, connection, peer="10.9.8.7", metrics_enabled=True):
        assert client.get("/metrics").status_code == 404


def test_metrics_count_requests_by_route_template(settings: Settings, engine: Engine, connection: Connection,
                                                  headers_for) -> None:
    for _, client in _client(settings, engine, connection, metrics_enabled=True):
        def count(client: TestClient = client) -> float:
            text = client.get("/metrics").text
            for line in text.splitlines():
                if line.startswith('zs_http_requests_total{method="GET",route="/api/v1/units/{unit_id}",status="200"}'):
                    return float(line.rsplit(" ", 1)[1])
            return 0.0

        before = count()
        for unit_id in (1, 2, 3):
            assert client.get(f"/api/v1/units/{unit_id}", headers=headers_for("office")).status_code == 200
        text = client.get("/metrics").text
        assert count() == before + 3
        assert "zs_http_request_duration_seconds_bucket" in text
        assert "zs_db_pool_connections_in_use" in text and "zs_jobs_pending" in text
        assert "zs_rollup_upkeep_seconds" in text
        assert '/api/v1/units/1"' not in text  # raw paths never become series
