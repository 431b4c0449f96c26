"""Test harness: one fresh database per session, built by `alembic upgrade head`, each test in a
transaction that is rolled back. ZS_TEST_DATABASE_URL picks the database (default: a temp SQLite file);
a PostgreSQL URL gets a brand-new database on that server, dropped at the end.
"""

import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlmodel import Session, select

from app.auth.service import _access_token, new_family, user_access_token
from app.authz.principal import Principal
from app.clients.models import ApiClient, Scope
from app.core.config import Settings
from app.core.db import make_engine, session_factory
from app.core.passwords import new_token, token_digest
from app.hooks import install_session_hooks
from app.main import create_app
from app.progress import rollup
from app.seed.service import seed_demo_users, seed_units
from app.units.models import Unit
from app.users.models import User

ROOT = Path(__file__).resolve().parents[1]
# the harness says test explicitly: unset, the app is production (and refuses the dev key and SQLite)
os.environ["ZS_ENVIRONMENT"] = "test"


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["url"] = url
    return cfg


@contextmanager
def scratch_database(server_url: str, folder: Path, prefix: str = "zs_test") -> Iterator[str]:
    """A database of its own: a new one on the PostgreSQL server of `server_url`, dropped afterwards, or (no
    PostgreSQL URL) a SQLite file in `folder`. For the test session and the benchmarks."""
    if not server_url.startswith("postgresql"):
        yield f"sqlite:///{folder / 'test.db'}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _fresh_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with scratch_database(os.environ.get("ZS_TEST_DATABASE_URL", ""), tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _fresh_database(tmp_path_factory)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(environment="test", database_url=database_url, secret_key=secrets.token_urlsafe(40),
                    frontend_dist=ROOT / "nonexistent-dist", jobs_url="immediate")


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[Engine]:
    command.upgrade(alembic_config(settings.database_url), "head")
    install_session_hooks()  # as every process does at start-up: the seed below is audited and rolled up
    eng = make_engine(settings.database_url, settings)
    with Session(eng) as session, session.begin():
        seed_demo_users(session, seed_units(session))
        rollup.sync(session)  # built once and committed; each test's writes then keep it current
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings, engine)


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """Everything a test does, through the API or directly, happens in this transaction and is undone."""
    conn = engine.connect()
    trans = conn.begin()
    try:
        yield conn
    finally:
        trans.rollback()
        conn.close()


@pytest.fixture
def db(connection: Connection) -> Iterator[Session]:
    factory = session_factory(connection)
    with factory() as session:
        yield session


@pytest.fixture
def client(app: FastAPI, connection: Connection) -> Iterator[TestClient]:
    app.state.session_factory = session_factory(connection)
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c
    finally:
        app.state.session_factory = session_factory(app.state.engine)


@pytest.fixture
def user(db: Session):
    def get(username: str) -> User:
        found = db.exec(select(User).where(User.username == username)).one()
        db.refresh(found)
        return found
    return get


@pytest.fixture
def unit(db: Session):
    def get(code: str) -> Unit:
        return db.exec(select(Unit).where(Unit.code == code)).one()
    return get


@pytest.fixture(scope="session")
def families(engine: Engine) -> dict[int, str]:
    """A committed sign-in family per seeded user, so minted tokens also work in requests that run in their own
    transactions (race tests), not only in the test's."""
    with Session(engine) as session, session.begin():
        return {u.id: new_family(session, u) for u in session.exec(select(User))}


@pytest.fixture
def token_for(settings: Settings, user, db: Session, families: dict[int, str]):
    """Mints an access token without the (deliberately slow) password check."""
    def mint(username: str) -> dict[str, str]:
        u = user(username)
        token, _ = user_access_token(settings, u, families.get(u.id) or new_family(db, u))
        return {"Authorization": f"Bearer {token}"}
    return mint


@pytest.fixture
def make_api_client(db: Session, settings: Settings):
    def make(scopes: list[str], unit_id: int | None = None) -> tuple[ApiClient, str, dict[str, str]]:
        secret = new_token()
        api_client = ApiClient(client_id=f"zs_{new_token(8)}", name="测试系统", unit_id=unit_id,
                               scopes=" ".join(scopes), secret_hash=token_digest(secret))
        db.add(api_client)
        db.commit()
        token, _ = _access_token(settings, {"sub": f"client:{api_client.id}", "scope": api_client.scopes})
        return api_client, secret, {"Authorization": f"Bearer {token}"}
    return make


# Principals used by the route × role table (tests/route_permissions.py).
USER_PRINCIPALS = {
    "admin": "admin", "office": "office", "leader": "leader",
    "unit_editor": "dcf_editor", "unit_viewer": "dcf_viewer",
}
CLIENT_PRINCIPALS = {
    "client_no_scope": [Scope.feed_read],
    "client_read": [Scope.records_read],
    "client_write": [Scope.records_read, Scope.records_write],
}


@pytest.fixture
def headers_for(token_for, make_api_client, unit):
    def get(principal: str) -> dict[str, str]:
        if principal == "anonymous":
            return {}
        if principal in USER_PRINCIPALS:
            return token_for(USER_PRINCIPALS[principal])
        return make_api_client(CLIENT_PRINCIPALS[principal], unit("371502").id)[2]
    return get


__all__ = ["Principal"]


@pytest.fixture
def make_enterprise(db: Session):
    """Enterprises inserted directly, so record tests do not depend on the enterprise API."""
    from app.enterprises.models import Enterprise

    def make(name: str = "示例科技有限公司", **fields) -> Enterprise:
        ent = Enterprise(name=name, name_norm=fields.pop("name_norm", name), **fields)
        db.add(ent)
        db.commit()
        return ent
    return make


@pytest.fixture
def count_queries(connection: Connection):
    """Counts SQL statements run inside the block: `with count_queries() as n: ...; n()`."""
    from sqlalchemy import event

    @contextmanager
    def counting():
        statements: list[str] = []

        def before(conn, cursor, statement, *args):
            statements.append(statement)
        event.listen(connection, "before_cursor_execute", before)
        try:
            yield lambda: len(statements)
        finally:
            event.remove(connection, "before_cursor_execute", before)
    return counting
