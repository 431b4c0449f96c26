"""PostgreSQL: the API runs as a role that owns nothing. It reads and writes rows, appends to the audit
history, and cannot edit, delete, truncate or un-trigger that history."""

import secrets
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError
from sqlmodel import Session, select

from app.audit.service import verify_chain
from app.auth.service import new_family, user_access_token
from app.core.config import Settings
from app.core.db import make_engine
from app.core.dbroles import grant_app_role
from app.main import create_app
from app.progress import rollup
from app.seed.service import seed_demo_users, seed_targets, seed_units
from app.users.models import User
from tests.conftest import _fresh_database, alembic_config

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def role_url(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("roles are PostgreSQL's; a SQLite file is guarded by the file system (docs/deployment.md)")
    from alembic import command

    for owner_url in _fresh_database(tmp_path_factory):
        command.upgrade(alembic_config(owner_url), "head")
        owner = create_engine(owner_url)
        with Session(owner) as session, session.begin():
            seed_demo_users(session, seed_units(session))
            seed_targets(session)
            rollup.sync(session)
        role = f"zs_app_{uuid.uuid4().hex[:8]}"
        with owner.begin() as conn:
            conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
            grant_app_role(conn, role)
        try:
            yield make_url(owner_url).set(username=role).render_as_string(hide_password=False)
        finally:
            with owner.begin() as conn:
                conn.execute(text(f'DROP OWNED BY "{role}"'))
            owner.dispose()
    # the database is gone (dropped by _fresh_database); the role is the cluster's
    admin = create_engine(make_url(settings.database_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


@pytest.mark.parametrize("statement", [
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_event_append_only ON audit_event",
    "UPDATE audit_event SET actor_name = 'forged'",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    "UPDATE alembic_version SET version_num = 'x'",
    "CREATE TABLE sneaky (id int)",
])
def test_the_app_role_cannot_touch_the_history_or_the_schema(role_url: str, statement: str) -> None:
    engine = create_engine(role_url)
    try:
        with pytest.raises(ProgrammingError) as caught, engine.begin() as conn:
            conn.execute(text(statement))
        assert caught.value.orig is not None
        assert caught.value.orig.sqlstate == "42501"  # insufficient_privilege (incl. must be owner)
    finally:
        engine.dispose()


def test_the_app_works_as_that_role(role_url: str) -> None:
    settings = Settings(environment="test", database_url=role_url, secret_key=secrets.token_urlsafe(32),
                        jobs_url="immediate", frontend_dist="/nonexistent")
    engine = make_engine(role_url, settings)
    app = create_app(settings, engine)
    with Session(engine, expire_on_commit=False) as session:
        editor = session.exec(select(User).where(User.username == "dcf_editor")).one()
        office = session.exec(select(User).where(User.username == "office")).one()
        families = {u.id: new_family(session, u) for u in (editor, office)}
        session.commit()

    def auth(user: User) -> dict[str, str]:
        token, _ = user_access_token(settings, user, families[user.id])
        return {"Authorization": f"Bearer {token}"}

    try:
        with TestClient(app) as client:
            ent = client.post("/api/v1/enterprises", headers=auth(editor), json={"name": "角色测试科技有限公司"})
            assert ent.status_code == 201, ent.text
            visit = client.post("/api/v1/visits", headers=auth(editor), json={
                "enterprise_id": ent.json()["id"], "visit_date": "2020-05-06", "region": "other", "outcome": "洽谈"})
            assert visit.status_code == 201, visit.text
            vid = visit.json()["id"]
            assert client.post(f"/api/v1/visits/{vid}/transitions", headers=auth(editor),
                               json={"action": "submit"}).status_code == 200
            assert client.post(f"/api/v1/visits/{vid}/transitions", headers=auth(office),
                               json={"action": "verify"}).status_code == 200
            assert client.get("/api/v1/progress", headers=auth(office), params={"year": 2020}).status_code == 200
        with engine.connect() as conn:
            checked, problems = verify_chain(conn)
        assert checked > 0 and problems == []
        with Session(engine) as session, session.begin():
            assert rollup.check(session) == []
    finally:
        engine.dispose()
