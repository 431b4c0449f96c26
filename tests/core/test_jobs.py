"""Background jobs: the production path — a job enqueued in Redis is run by the real worker process
(`huey_consumer app.worker.huey`) against the app's database — and the after-commit rule."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session

from app.core import jobs
from app.core.db import make_engine
from app.progress import rollup
from app.progress.jobs import rebuild_rollups
from app.progress.models import ProgressRollupServing
from app.seed.service import seed_units
from app.targets import rules as rules_mod
from app.targets.rules import Rules
from tests.conftest import ROOT, alembic_config

REDIS_URL = os.environ.get("ZS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_the_worker_runs_a_rollup_rebuild_queued_in_redis(tmp_path: Path):
    if not _redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI must test the production job backend")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    url = f"sqlite:///{tmp_path / 'worker.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        seed_units(s)
        rollup.sync(s)
        rules_mod.save(s, Rules(landed_stage="signed"), reason="测试", actor="t")
        assert rollup.rules_changed(s, Rules(landed_stage="signed"))  # new slices: built by the worker
    env = {**os.environ, "ZS_JOBS_URL": REDIS_URL, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "test",
           "ZS_SECRET_KEY": secrets.token_urlsafe(40), "PYTHONPATH": str(ROOT / "backend")}
    worker = subprocess.Popen([sys.executable, "-m", "huey.bin.huey_consumer", "app.worker.huey", "-w", "1"],  # noqa: S603
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        producer = jobs.make_huey(REDIS_URL)  # what the app enqueues through in production
        producer.task(name="rebuild_rollups")(rebuild_rollups.func)()
        deadline = time.monotonic() + 60
        served = None
        while time.monotonic() < deadline:
            with Session(engine) as s:
                row = s.get(ProgressRollupServing, 1)
                served = row.rules if row else None
            if served == Rules(landed_stage="signed").model_dump_json():
                break
            time.sleep(0.3)
        assert served == Rules(landed_stage="signed").model_dump_json(), "the worker did not build the new rules"
        with Session(engine) as s:
            assert rollup.check(s) == []
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode(errors="replace")
        engine.dispose()
    assert "Traceback" not in output, output


def test_a_job_is_enqueued_only_when_the_transaction_commits(db):
    ran: list[str] = []
    db.execute(text("SELECT 1"))  # a transaction under way, as in a request that wrote something
    jobs.after_commit(db, lambda: ran.append("job"))
    db.rollback()
    db.commit()
    assert ran == []
    jobs.after_commit(db, lambda: ran.append("job"))
    nested = db.begin_nested()
    nested.commit()  # a released savepoint is not the transaction's commit
    assert ran == []
    db.commit()
    assert ran == ["job"]
