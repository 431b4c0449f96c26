"""Readiness (`/api/v1/ready`): may this process take traffic? Liveness (`/api/v1/health`) stays dependency-free, so
an orchestrator restarts a process only when it is itself stuck, and stops sending it requests while its
database, Redis or schema is not right.

Checks, each bounded in time (a database that is gone must not make the probe hang):
- database: `SELECT 1` through the app's own session (its pool and connect timeouts; on PostgreSQL a short
  statement timeout for this transaction). On SQLite the file must also still be where the URL says: an open
  connection keeps reading a moved or deleted file, while every new one would start an empty database;
- migrations: the revision in `alembic_version` is the migration scripts' head — a process of a new release
  started before `alembic upgrade head` ran (or an old one after a downgrade) is not ready;
- jobs: Redis answers PING when the job backend is Redis (skipped for the embedded ones).
"""

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.core.config import ROOT_DIR, Settings
from app.core.errors import problem

log = logging.getLogger("zhaoshang.ready")
CHECK_TIMEOUT_S = 2.0
NAMES = {"database": "数据库", "migrations": "数据库结构版本", "jobs": "后台任务队列 (Redis)"}


@lru_cache
def script_heads() -> frozenset[str]:
    """The migration scripts' head revision(s), read once: from alembic.ini in the working directory (the
    image's /srv) or the source tree's root."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    for ini in (Path.cwd() / "alembic.ini", ROOT_DIR / "alembic.ini"):
        if ini.is_file():
            return frozenset(ScriptDirectory.from_config(Config(str(ini))).get_heads())
    raise RuntimeError("alembic.ini not found (working directory or source root)")


class DatabaseFileMissing(Exception):
    """The SQLite file the URL names is gone (moved, deleted): pooled connections would still answer from it."""


def _database(request: Request) -> tuple[str, str]:
    """(database, migrations) outcomes; raises when the database cannot be reached."""
    with request.app.state.session_factory() as session:
        url = session.get_bind().engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
                and not Path(url.database).is_file():  # checked before a new connection would create it afresh
            raise DatabaseFileMissing(url.database)
        if url.get_backend_name() == "postgresql":
            session.execute(text(f"SET LOCAL statement_timeout = {int(CHECK_TIMEOUT_S * 1000)}"))
        session.execute(text("SELECT 1"))
        try:
            current = frozenset(session.execute(text("SELECT version_num FROM alembic_version")).scalars())
        finally:
            session.rollback()
    heads = script_heads()
    if current == heads:
        return "ok", "ok"
    have, want = ",".join(sorted(current)) or "无", ",".join(sorted(heads))
    return "ok", f"为 {have}，应为 {want}（请先运行 alembic upgrade head）"


def _redis(url: str) -> str:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=CHECK_TIMEOUT_S, socket_timeout=CHECK_TIMEOUT_S)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


async def _bounded(name: str, fn: Any, *args: Any) -> Any:
    """Runs a blocking check in a worker thread; an exception or overrunning the time limit is its failure."""
    limit = CHECK_TIMEOUT_S + 2  # the driver's own timeouts fire first; this bounds whatever they miss
    try:
        with anyio.fail_after(limit):
            return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True)
    except TimeoutError:
        log.warning("readiness: %s did not answer within %.0f s", name, limit)
        return f"{limit:.0f} 秒内无应答"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready; the reason goes to the log
        log.warning("readiness: %s failed: %s", name, exc)
        return f"不可用（{type(exc).__name__}）"


async def readiness(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    checks: dict[str, str] = {}
    outcome = await _bounded("database", _database, request)
    if isinstance(outcome, tuple):
        checks["database"], checks["migrations"] = outcome
    else:
        checks["database"], checks["migrations"] = outcome, "未检查（数据库不可用）"
    checks["jobs"] = (await _bounded("jobs", _redis, settings.jobs_url) if settings.jobs_url.startswith("redis")
                      else "skipped")
    failed = [name for name, state in checks.items() if state not in ("ok", "skipped")]
    if not failed:
        return JSONResponse({"status": "ready", "checks": checks})
    detail = "服务尚未就绪：" + "；".join(f"{NAMES[name]} {checks[name]}" for name in failed)
    return problem(503, detail, code="not-ready", request=request,
                   headers={"Retry-After": str(settings.retry_after_s)}, checks=checks)
