"""Background jobs on huey (a maintained task queue): an embedded SQLite queue for the two-command default,
Redis in production, or `immediate` (run in-process when enqueued; tests).

`ZS_JOBS_URL` picks the backend: `sqlite:///path/jobs.db` (default, under var/), `redis://host:6379/0`, or
`immediate`. The worker is `huey_consumer app.worker.huey` (started by `scripts/dev.sh`, its own service in
docker-compose). Jobs open their own sessions through `session()`: in the worker on the configured database;
run immediately, on the database (in tests: the connection) of the session whose commit enqueued them.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.signals import SIGNAL_ERROR
from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.core.config import ROOT_DIR

DEFAULT_URL = f"sqlite:///{ROOT_DIR / 'var' / 'jobs.db'}"
_AFTER_COMMIT = "jobs_after_commit"


def make_huey(url: str) -> Huey:
    if url == "immediate":
        return Huey("zhaoshang", immediate=True)
    if url.startswith("redis://"):
        return RedisHuey("zhaoshang", url=url)
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        return SqliteHuey("zhaoshang", filename=path)
    raise ValueError(f"ZS_JOBS_URL must be immediate, sqlite:///… or redis://…, not {url!r}")


huey: Huey = make_huey(os.environ.get("ZS_JOBS_URL", DEFAULT_URL))
_bind: ContextVar[Engine | Connection | None] = ContextVar("jobs_bind", default=None)


def configure(jobs_url: str) -> None:
    """Called by create_app: immediate mode when the settings ask for it."""
    if jobs_url == "immediate":
        huey.immediate = True


def session() -> Session:
    from app.core.db import get_engine, session_factory

    return session_factory(_bind.get() or get_engine())()


def after_commit(db: OrmSession, task: Callable[..., Any], *args: Any) -> None:
    """Enqueues `task(*args)` once the session's transaction has committed (never for a rolled-back one), so a
    worker never runs before the data it needs is visible."""
    db.info.setdefault(_AFTER_COMMIT, []).append((task, args))


def _run_after_commit(db: OrmSession) -> None:
    if db.in_nested_transaction():
        return  # a savepoint released: the transaction itself has not committed yet
    with running_on(db.get_bind()):  # an immediate job runs on the same database
        for task, args in db.info.pop(_AFTER_COMMIT, []):
            task(*args)


@contextmanager
def running_on(bind: Engine | Connection) -> Iterator[None]:
    """Jobs run (immediately) inside this block open their sessions on `bind`."""
    token = _bind.set(bind)
    try:
        yield
    finally:
        _bind.reset(token)


def _drop(db: OrmSession, previous: Any) -> None:
    if previous.parent is None:  # the transaction rolled back (a savepoint's rollback keeps what came before)
        db.info.pop(_AFTER_COMMIT, None)


FAILURES_KEY = "zs:job-failures"  # task name → jobs that raised, kept in the queue's storage (all workers)


@huey.signal(SIGNAL_ERROR)  # type: ignore[untyped-decorator]  # huey ships no type information
def _count_failure(_signal: str, task: Any, _exc: BaseException | None = None) -> None:
    """Counts a job that raised, where the API process can read it for /metrics (the worker is elsewhere)."""
    counts = failures()
    counts[task.name] = counts.get(task.name, 0) + 1
    huey.put(FAILURES_KEY, counts)


def failures() -> dict[str, int]:
    if huey.immediate:
        return {}
    counts = huey.get(FAILURES_KEY, peek=True)
    return dict(counts) if isinstance(counts, dict) else {}


def pending() -> int:
    return 0 if huey.immediate else int(huey.pending_count())


# after-commit jobs need these on every session, so they are registered with the module itself
event.listen(OrmSession, "after_commit", _run_after_commit)
event.listen(OrmSession, "after_soft_rollback", _drop)
