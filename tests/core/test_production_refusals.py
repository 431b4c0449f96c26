"""Production refuses what is not for production, each with a message that says what to do: API docs open to
anonymous visitors (unless ZS_DOCS_PUBLIC=true), demo users and demo data. (The secret, SQLite: test_settings.)"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine

from app import cli
from app.core.config import Settings, get_settings
from app.core.db import session_factory
from app.core.passwords import hash_password
from app.main import create_app

SECRET = "Yk3q9-vX_2mZr7LpT0sWcN8aJd4uFh6eGb1oQiKyRn5"  # noqa: S105 - a test value
DOCS = ["/docs", "/redoc", "/openapi.json", "/docs/swagger-init.js", "/docs-static/swagger-ui-bundle.js"]


def _client(settings: Settings, engine: Engine, connection: Connection, **overrides: object) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"log_format": "plain", **overrides}), engine)
    app.state.session_factory = session_factory(connection)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("path", DOCS)
def test_production_hides_the_api_docs(settings: Settings, engine: Engine, connection: Connection,
                                       path: str) -> None:
    for client in _client(settings, engine, connection, environment="production"):
        r = client.get(path)
        assert r.status_code == 404  # not the SPA's page either
        assert r.headers["content-type"] == "application/problem+json"
        assert client.get("/api/v1/health").status_code == 200


@pytest.mark.parametrize("path", DOCS)
def test_docs_public_opens_them_in_production(settings: Settings, engine: Engine, connection: Connection,
                                              path: str) -> None:
    for client in _client(settings, engine, connection, environment="production", docs_public=True):
        assert client.get(path).status_code == 200


def test_docs_are_open_outside_production_unless_closed(settings: Settings, engine: Engine,
                                                        connection: Connection) -> None:
    for client in _client(settings, engine, connection):
        assert client.get("/openapi.json").json()["paths"]["/api/v1/ready"]
    for client in _client(settings, engine, connection, docs_public=False):
        assert client.get("/openapi.json").status_code == 404


def test_docs_public_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZS_SECRET_KEY", SECRET)
    monkeypatch.setenv("ZS_DATABASE_URL", "postgresql+psycopg://zs@db/zs")
    monkeypatch.delenv("ZS_DOCS_PUBLIC", raising=False)
    assert Settings(environment="production").docs_open is False
    assert Settings(environment="test").docs_open is True
    monkeypatch.setenv("ZS_DOCS_PUBLIC", "true")
    assert Settings(environment="production").docs_open is True


def test_the_spa_client_spec_does_not_need_http() -> None:
    """scripts/export_openapi.py (the SPA's generated client) reads the document in-process."""
    from tests.conftest import ROOT

    script = (ROOT / "scripts" / "export_openapi.py").read_text(encoding="utf-8")
    assert "app.openapi()" in script and "http" not in script.replace("https://", "")


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Production settings for the CLI; the database URL is never connected to (refused before that)."""
    monkeypatch.setenv("ZS_ENVIRONMENT", "production")
    monkeypatch.setenv("ZS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    monkeypatch.setenv("ZS_SECRET_KEY", SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(("argv", "refused"), [
    (["seed", "--demo-data"], "--demo-data"),
    (["seed", "--demo-users"], "--demo-users"),
    (["seed", "--demo-users", "--demo-data"], "--demo-users and --demo-data"),
])
def test_production_refuses_demo_users_and_data(production: None, capsys: pytest.CaptureFixture[str],
                                                argv: list[str], refused: str) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert f"zhaoshang seed: {refused} refused with ZS_ENVIRONMENT=production" in err
    assert "生产环境不允许载入演示账号或演示数据" in err and "zhaoshang create-admin" in err


def _password_login(client: TestClient, username: str, password: str):
    return client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": username, "password": password}
    )


def test_production_refuses_a_login_with_the_demo_password(settings: Settings, engine: Engine,
                                                            connection: Connection) -> None:
    """However demo users got there (a restored development database), their published password opens nothing."""
    for client in _client(settings, engine, connection, environment="production"):
        r = _password_login(client, "office", "zhaoshang-demo")
        assert r.status_code == 400
        assert r.json()["error"] == "invalid_grant" and r.json()["code"] == "demo-password"
        assert "生产环境不允许登录：请管理员重置密码" in r.json()["error_description"]
        assert "access_token" not in r.text
        wrong = _password_login(client, "office", "wrong-password")
        assert wrong.json()["code"] == "invalid-credentials"  # still just a bad password
    for client in _client(settings, engine, connection):  # outside production the demo logins work
        assert _password_login(client, "office", "zhaoshang-demo").status_code == 200


def test_production_lets_a_real_password_in(settings: Settings, engine: Engine, connection: Connection,
                                            user, db) -> None:
    office = user("office")
    office.password_hash = hash_password("a-real-Passw0rd-of-the-office")
    db.flush()  # in the test's transaction, which the app's session joins
    for client in _client(settings, engine, connection, environment="production"):
        assert _password_login(client, "office", "a-real-Passw0rd-of-the-office").status_code == 200
