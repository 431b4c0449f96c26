"""Engine and the per-request session: one transaction per request, committed or rolled back here."""

from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import anyio
from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.core.config import Settings, get_settings

# Whether the current request may write (set per request by `AdmissionMiddleware`, in the request's context
# so every threadpool hop sees it): SQLite begins IMMEDIATE — taking the write lock at once, so two writers
# queue instead of failing on upgrade — only then; reads begin deferred and never wait for a writer.
writes: ContextVar[bool] = ContextVar("db_writes", default=True)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
# SQLite: API requests admitted at once per process, and the pool's connections for them (SQLite connections
# are cheap; readers run side by side, writers take turns in `AdmissionMiddleware`'s write queue)
SQLITE_CONNECTIONS = 32


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    """SQLite: WAL, a busy timeout sized for a queue of writers, IMMEDIATE only for writes. PostgreSQL: a
    bounded pool that answers fast (pool and connect timeouts), statement and lock timeouts, JIT off (it cost
    list pages 0.3–0.6 s)."""
    settings = settings or Settings.model_construct()  # the defaults, without reading the environment
    if url.startswith("sqlite"):
        db_path = url.split("///", 1)[-1]
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        busy_ms = int(settings.sqlite_write_wait_s * 1000)  # another process's writer: wait for it, in turn
        pool = ({"pool_size": SQLITE_CONNECTIONS, "max_overflow": 8, "pool_timeout": settings.db_pool_timeout_s}
                if db_path and db_path != ":memory:" else {})
        engine = create_engine(url, **pool, connect_args={"check_same_thread": False, "timeout": busy_ms / 1000})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:  # pragma: no cover - trivial
            # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy emits BEGIN itself.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={busy_ms}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Connection) -> None:  # pragma: no cover - trivial
            conn.exec_driver_sql("BEGIN IMMEDIATE" if writes.get() else "BEGIN")

        return engine
    options = (f"-c statement_timeout={settings.db_statement_timeout_ms} -c lock_timeout={settings.db_lock_timeout_ms}"
               " -c idle_in_transaction_session_timeout=60000 -c jit=off")
    return create_engine(url, pool_pre_ping=True, pool_size=settings.db_pool_size,
                         max_overflow=settings.db_max_overflow, pool_timeout=settings.db_pool_timeout_s,
                         connect_args={"connect_timeout": settings.db_connect_timeout_s, "options": options})


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return make_engine(settings.database_url, settings)


def session_factory(bind: Engine | Connection) -> sessionmaker[Session]:
    """Tests bind this to one connection with join_transaction_mode="create_savepoint" to roll back each test."""
    extra: dict[str, Any] = {} if isinstance(bind, Engine) else {"join_transaction_mode": "create_savepoint"}
    return sessionmaker(bind=bind, class_=Session, expire_on_commit=False, **extra)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Yields the request's session; commits when the route returns, rolls back when it raises.

    Services only flush. Declared with scope="function" so the commit happens before the response
    is sent: a client never sees success for a write that failed to commit. Async: making a session does no
    I/O (it connects at its first statement), so only its end takes a trip to the thread pool, not both ends.
    """
    session = request.app.state.session_factory()
    session.info["request_id"] = getattr(request.state, "request_id", None)
    session.info["client_addr"] = getattr(request.state, "client_addr", None)
    try:
        yield session
    except BaseException:
        with anyio.CancelScope(shield=True):  # a cancelled request still gives its connection back
            await run_in_threadpool(_end, session, commit=False)
        raise
    with anyio.CancelScope(shield=True):
        await run_in_threadpool(_end, session, commit=True)


def _end(session: Session, *, commit: bool) -> None:
    """Commits (or rolls back) and closes, in one trip to the thread pool."""
    with session:
        if not commit:
            session.rollback()
            return
        try:
            session.commit()
        except BaseException:
            session.rollback()
            raise


T = TypeVar("T")


def once_per_transaction(session: OrmSession, key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per (outermost) transaction of `session`, for what a transaction's many flushes all read
    the same (its PostgreSQL transaction id; the webhook subscriptions while a batch writes hundreds of records)."""
    root = session.get_transaction()
    cached = session.info.get(key)
    if cached is None or cached[0] is not root:
        cached = session.info[key] = (root, compute())
    return cached[1]
