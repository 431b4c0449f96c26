"""The real worker (`huey_consumer app.worker.huey`) on the embedded SQLite queue (and on Redis when it answers):
killed with SIGKILL after a change committed, the webhook still arrives once, correctly signed, when a worker
starts again — whether the job was already queued or was lost with the process before it could be enqueued."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlmodel import Session, col, select

from app.clients.models import ApiClient, Scope
from app.core import jobs
from app.core.db import make_engine
from app.core.passwords import new_token, token_digest
from app.enterprises.models import Enterprise
from app.seed.service import seed_units
from app.units.models import Unit
from app.visits.models import Visit
from app.webhooks import jobs as webhook_jobs
from app.webhooks.delivery import new_secret
from app.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.conftest import ROOT, alembic_config
from tests.webhooks.receiver import Receiver, verify

REDIS_URL = os.environ.get("ZS_TEST_WEBHOOK_REDIS_URL", "redis://127.0.0.1:6379/14")


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["sqlite", "redis"])
def queue_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'queue.db'}"
        return
    if not _redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI must test the production job backend")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    yield REDIS_URL


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log, self.proc = env, log, None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "huey.bin.huey_consumer", "app.worker.huey", "-w", "1", "-d", "0.1"],
                env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)


def _delivered(engine, count: int, timeout: float = 30) -> bool:
    """Waits until `count` deliveries are recorded as delivered (the receiver answers before the worker records
    it; a worker killed in between would send it again after its lease: at least once)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Session(engine) as s:
            if len(s.exec(select(WebhookDelivery.id).where(WebhookDelivery.status == DeliveryStatus.delivered))
                   .all()) >= count:
                return True
        time.sleep(0.1)
    return False


def _visit(engine, ent_id: int, unit_id: int) -> int:
    with Session(engine) as s:
        visit = Visit(unit_id=unit_id, enterprise_id=ent_id, visit_date=date(2019, 3, 1), region="other")
        s.add(visit)
        s.commit()  # the outbox row commits with it; the delivery job is enqueued after this commit
        assert visit.id is not None
        return visit.id


def test_a_webhook_arrives_once_signed_after_the_worker_is_killed_and_restarted(tmp_path: Path, queue_url: str,
                                                                                 monkeypatch: pytest.MonkeyPatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    env = {**os.environ, "ZS_JOBS_URL": queue_url, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "test",
           "ZS_SECRET_KEY": secrets.token_urlsafe(40), "PYTHONPATH": str(ROOT / "backend")}
    worker = Worker(env, tmp_path / "worker.log")
    producer = jobs.make_huey(queue_url)  # what the app enqueues through in production
    queued = producer.task(name="deliver_webhooks")(webhook_jobs.deliver_webhooks.func)
    with Receiver() as receiver:
        with Session(engine) as s:
            seed_units(s)
            unit_id = s.exec(select(Unit.id).where(Unit.code == "371502")).one()
            client = ApiClient(client_id="zs_worker", name="订阅系统", unit_id=unit_id, scopes=Scope.feed_read,
                               secret_hash=token_digest(new_token()))
            ent = Enterprise(name="重启测试企业", name_norm="重启测试企业")
            s.add_all([client, ent])
            s.flush()
            sub = WebhookSubscription(client_id=client.id, url=receiver.url, kinds="visit", secret=new_secret())
            s.add(sub)
            s.commit()
            secret, ent_id = sub.secret, ent.id
        try:
            worker.start()
            time.sleep(2)
            worker.kill()  # dead before the change commits: nothing can deliver it now
            monkeypatch.setattr(webhook_jobs, "deliver_webhooks", queued)
            first = _visit(engine, ent_id, unit_id)
            time.sleep(1)
            assert receiver.received == []
            worker.start()  # the queued job runs
            assert receiver.wait(1, timeout=60), worker.log.read_text()
            assert _delivered(engine, 1)

            worker.kill()
            monkeypatch.setattr(webhook_jobs, "deliver_webhooks", lambda: None)  # the process died before enqueueing
            second = _visit(engine, ent_id, unit_id)
            time.sleep(1)
            assert len(receiver.received) == 1
            worker.start()  # its start-up sweep finds the delivery the outbox still owes
            assert receiver.wait(2, timeout=60), worker.log.read_text()
            assert _delivered(engine, 2)
            time.sleep(1.5)  # nothing arrives twice
        finally:
            if worker.proc and worker.proc.poll() is None:
                worker.proc.terminate()
                worker.proc.wait(20)
            engine.dispose()
    assert len(receiver.received) == 2
    for (headers, body), visit_id in zip(receiver.received, (first, second), strict=True):
        assert verify(secret, headers, body)
        assert json.loads(body)["data"]["record_id"] == visit_id
    with Session(make_engine(url)) as s:
        states = s.exec(select(WebhookDelivery.status).order_by(col(WebhookDelivery.id))).all()
    assert states == [DeliveryStatus.delivered, DeliveryStatus.delivered]
    assert "Traceback" not in worker.log.read_text(), worker.log.read_text()
