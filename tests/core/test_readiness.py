"""Liveness touches nothing; readiness checks the database, the schema's migration head and (when it is the job
backend) Redis, and answers 503 problem+json with Retry-After — quickly — when one of them is not right."""

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, text

from app.core.config import Settings
from app.core.db import session_factory
from app.core.readiness import script_heads
from app.main import create_app


def _client(settings: Settings, engine: Engine, bind, **overrides: object) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update=overrides), engine)
    app.state.session_factory = session_factory(bind)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_ready_when_database_and_schema_are_right(client: TestClient) -> None:
    r = client.get("/api/v1/ready")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok", "jobs": "skipped"}}


def test_a_schema_behind_the_migration_head_is_not_ready(client: TestClient, connection: Connection) -> None:
    (head,) = script_heads()
    connection.execute(text("UPDATE alembic_version SET version_num = 'an_older_revision'"))
    r = client.get("/api/v1/ready")
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["retry-after"] == "5"
    body = r.json()
    assert body["type"] == "/problems/not-ready" and body["request_id"] == r.headers["x-request-id"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"] == f"为 an_older_revision，应为 {head}（请先运行 alembic upgrade head）"
    assert "数据库结构版本" in body["detail"]
    assert client.get("/api/v1/health").json() == {"status": "ok"}  # liveness is not readiness


def test_a_database_that_is_gone_fails_fast(settings: Settings, engine: Engine, tmp_path) -> None:
    """A refused connection (PostgreSQL on a closed port, or a SQLite file that cannot be opened)."""
    if engine.dialect.name == "postgresql":
        url = "postgresql+psycopg://nobody@127.0.0.1:9/none"
        gone, error = create_engine(url, connect_args={"connect_timeout": 2}), "OperationalError"
    else:
        gone, error = create_engine(f"sqlite:///{tmp_path}/moved-away.db"), "DatabaseFileMissing"
    for client in _client(settings, engine, gone):
        started = time.monotonic()
        r = client.get("/api/v1/ready")
        assert time.monotonic() - started < 10  # bounded by the driver's and the check's timeouts, never hangs
        assert r.status_code == 503 and r.headers["retry-after"] == "5"
        checks = r.json()["checks"]
        assert checks["database"] == f"不可用（{error}）"
        assert checks["migrations"] == "未检查（数据库不可用）"
        assert client.get("/api/v1/health").status_code == 200
    gone.dispose()
    assert not (tmp_path / "moved-away.db").exists()  # the probe did not create an empty database


def test_redis_is_checked_when_it_is_the_job_backend(settings: Settings, engine: Engine,
                                                     connection: Connection) -> None:
    for client in _client(settings, engine, connection, jobs_url="redis://127.0.0.1:9/0"):
        r = client.get("/api/v1/ready")
        assert r.status_code == 503
        checks = r.json()["checks"]
        assert (checks["database"], checks["migrations"]) == ("ok", "ok")
        assert checks["jobs"] == "不可用（ConnectionError）"
        assert "后台任务队列 (Redis)" in r.json()["detail"]


@pytest.mark.skipif("not __import__('shutil').which('redis-server')", reason="redis-server is not installed")
def test_a_live_redis_is_ready(settings: Settings, engine: Engine, connection: Connection, tmp_path) -> None:
    import socket
    import subprocess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--dir", str(tmp_path)],  # noqa: S603,S607
                              stdout=subprocess.DEVNULL)
    try:
        for client in _client(settings, engine, connection, jobs_url=f"redis://127.0.0.1:{port}/0"):
            deadline = time.monotonic() + 10
            while (r := client.get("/api/v1/ready")).status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert r.status_code == 200 and r.json()["checks"]["jobs"] == "ok"
    finally:
        server.terminate()
        server.wait(10)
