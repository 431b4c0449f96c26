"""Engine and the per-request session: one transaction per request, committed or rolled back here."""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.core.config import get_settings


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        db_path = url.split("///", 1)[-1]
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy emits BEGIN itself.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # pragma: no cover - trivial
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


def session_factory(bind) -> sessionmaker[Session]:
    """Tests bind this to one connection with join_transaction_mode="create_savepoint" to roll back each test."""
    return sessionmaker(bind=bind, class_=Session, expire_on_commit=False, **({} if isinstance(bind, Engine) else
                        {"join_transaction_mode": "create_savepoint"}))


def get_session(request: Request) -> Iterator[Session]:
    """Yields the request's session; commits when the route returns, rolls back when it raises.

    Services only flush. Declared with scope="function" so the commit happens before the response
    is sent: a client never sees success for a write that failed to commit.
    """
    with request.app.state.session_factory() as session:
        session.info["request_id"] = getattr(request.state, "request_id", None)
        session.info["client_addr"] = getattr(request.state, "client_addr", None)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
