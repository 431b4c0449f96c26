"""A database that is gone, busy or says "try again": 503 with Retry-After quickly, a server-side retry for
deadlocks, no hang when every connection is busy, and reads on SQLite that never wait for a writer."""

import asyncio
import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.audit.service import STREAMS
from app.auth.service import new_family, user_access_token
from app.core.db import make_engine
from app.core.locks import AUDIT_CHAIN
from app.main import create_app
from app.users.models import User
from tests.conftest import ROOT


def _token(settings, engine, username: str = "office") -> dict[str, str]:
    with Session(engine) as s:
        u = s.execute(select(User).where(User.username == username)).scalar_one()
        token, _ = user_access_token(settings, u, new_family(s, u))
        s.commit()
    return {"Authorization": f"Bearer {token}"}


class Proxy:
    """A TCP forwarder to PostgreSQL that the test can cut (every connection reset, new ones refused) and
    restore: the database going away and coming back, as the app sees it."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self) -> None:
        assert self.listener is not None
        for s in [self.listener, *self.sockets]:  # shutdown wakes the threads blocked in accept() and recv()
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.close()


@pytest.fixture
def pg_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("the database going away is tested on PostgreSQL, the production database")
    return database_url


def test_database_gone_answers_503_quickly_and_the_next_request_after_it_succeeds(pg_url, settings, engine):
    url = make_url(pg_url)
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    through = make_engine(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), settings)
    app = create_app(settings, through)
    headers = _token(settings, engine)
    blocker = engine.connect()
    try:
        with TestClient(app) as c:
            assert c.get("/api/v1/units", headers=headers).status_code == 200
            # a write waits at its commit for the audit streams, which another connection holds: mid-request,
            # the database goes away
            for stream in range(STREAMS):
                blocker.execute(text("SELECT pg_advisory_lock(:k, :s)"), {"k": AUDIT_CHAIN, "s": stream})
            started = time.monotonic()
            timer = threading.Timer(0.5, proxy.cut)
            timer.start()
            response = c.post("/api/v1/auth/logout", headers=headers)
            took = time.monotonic() - started
            assert response.status_code == 503
            assert response.headers["retry-after"] == str(settings.retry_after_s)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["type"] == "/problems/database-unavailable"
            assert took < 5
            started = time.monotonic()
            down = c.get("/api/v1/units", headers=headers)  # still gone: refused at once, not after 30 s
            assert down.status_code == 503 and time.monotonic() - started < 5
            proxy.restore()
            assert c.get("/api/v1/units", headers=headers).status_code == 200  # recovered by itself
    finally:
        blocker.execute(text("SELECT pg_advisory_unlock_all()"))
        blocker.close()
        proxy.cut()
        through.dispose()


class _Orig(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def test_a_deadlock_is_retried_by_the_server(client, token_for, monkeypatch):
    from app.units import service

    calls: list[int] = []
    real = service.list_units

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("SELECT …", {}, _Orig("40P01"))
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "list_units", flaky)
    response = client.get("/api/v1/units", headers=token_for("office"))
    assert response.status_code == 200 and len(calls) == 2
    assert "x-zs-retry" not in response.headers


def test_a_request_that_keeps_deadlocking_answers_503_after_three_attempts(client, token_for, monkeypatch):
    from app.units import service

    calls: list[int] = []

    def always(*args, **kwargs):
        calls.append(1)
        raise OperationalError("SELECT …", {}, _Orig("40001"))

    monkeypatch.setattr(service, "list_units", always)
    response = client.get("/api/v1/units", headers=token_for("office"))
    assert response.status_code == 503 and len(calls) == 3
    assert response.headers["retry-after"] and "x-zs-retry" not in response.headers
    assert response.json()["type"] == "/problems/database-busy"


def test_many_requests_on_few_connections_never_hang(pg_url, settings, engine):
    """80 concurrent requests — twice the default thread pool — on a pool of 2: every one answered, none 5xx
    (before, requests holding connections waited for threads held by requests waiting for connections)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "ZS_DATABASE_URL": pg_url, "ZS_ENVIRONMENT": "test", "ZS_JOBS_URL": "immediate",
           "ZS_SECRET_KEY": settings.secret_key.get_secret_value(), "ZS_DB_POOL_SIZE": "2",
           "ZS_DB_MAX_OVERFLOW": "0", "ZS_QUEUE_SECONDS": "20", "PYTHONPATH": str(ROOT / "backend")}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "app.asgi:app", "--port", str(port),  # noqa: S603
                               "--log-level", "warning"], env=env, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(f"{base}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        headers = _token(settings, engine)
        started = time.monotonic()
        with ThreadPoolExecutor(80) as pool:
            statuses = list(
                pool.map(
                    lambda _: httpx.get(f"{base}/api/v1/units", headers=headers, timeout=30).status_code, range(80)
                )
            )
        assert statuses == [200] * 80
        assert time.monotonic() - started < 20
    finally:
        server.terminate()
        server.wait(10)


def test_sqlite_reads_do_not_wait_for_a_writer(database_url, settings, engine):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's transaction modes")
    headers = _token(settings, engine)
    app = create_app(settings, engine)
    writer = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        with TestClient(app) as c:
            started = time.monotonic()
            assert c.get("/api/v1/units", headers=headers).status_code == 200
            assert time.monotonic() - started < 1  # not the busy timeout
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_engine_settings_reach_postgresql(pg_url, settings):
    through = make_engine(pg_url, settings)
    try:
        with through.connect() as conn:
            got = {name: conn.execute(text(f"SHOW {name}")).scalar() for name in
                   ("statement_timeout", "lock_timeout", "jit")}
    finally:
        through.dispose()
    assert got == {"statement_timeout": f"{settings.db_statement_timeout_ms // 1000}s",
                   "lock_timeout": f"{settings.db_lock_timeout_ms // 1000}s", "jit": "off"}


def test_a_process_admits_a_few_requests_at_once_and_never_more_than_its_connections(settings):
    """Requests beyond a few at once only contend for the interpreter lock (docs/benchmarks.md): PostgreSQL
    admits `requests_at_once`, capped by the pool; SQLite keeps its own limit (one writer at a time anyway)."""
    from app.core.db import SQLITE_CONNECTIONS
    from app.main import _connections

    pg = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # never connects
    few = settings.model_copy(update={"requests_at_once": 4, "db_pool_size": 10, "db_max_overflow": 10})
    many = settings.model_copy(update={"requests_at_once": 50, "db_pool_size": 3, "db_max_overflow": 2})
    assert (_connections(few, pg), _connections(many, pg)) == (4, 5)
    assert _connections(few, create_engine("sqlite://")) == SQLITE_CONNECTIONS
    assert type(settings).model_fields["requests_at_once"].default == 4


def _held_app(entered: asyncio.Event, release: asyncio.Event):
    """An ASGI app whose POST /api/v1/hold keeps the write turn until `release`; anything else answers at once."""

    async def app(scope, receive, send):
        if scope["method"] == "POST" and scope["path"] == "/api/v1/hold":
            entered.set()
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
    return app


def test_sqlite_writers_queue_for_their_turn_and_reads_pass_them_by():
    """One writer at a time per process (SQLite's one write lock): a second writer waits for the first rather
    than being refused, a read is not held up by either, and a writer that waits past the write queue's limit
    answers 503 with Retry-After."""
    from app.core.dbfaults import AdmissionMiddleware

    async def scenario(queue_seconds: float) -> tuple[int, int, int, str | None]:
        entered, release = asyncio.Event(), asyncio.Event()
        app = AdmissionMiddleware(_held_app(entered, release), limit=4, queue_seconds=5, retry_after_s=5,
                                  write_queue_seconds=queue_seconds)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            first = asyncio.create_task(c.post("/api/v1/hold"))
            await entered.wait()
            second = asyncio.create_task(c.post("/api/v1/other"))
            read = await c.get("/api/v1/read")  # answered while both writers are in
            if queue_seconds < 1:
                waited = await second  # the limit passes while the first still writes
                release.set()
            else:
                await asyncio.sleep(0.05)
                assert not second.done()  # queued behind the first, not refused
                release.set()
                waited = await second
            assert (await first).status_code == 200
            return read.status_code, waited.status_code, (await c.post("/api/v1/other")).status_code, \
                waited.headers.get("retry-after")

    assert asyncio.run(scenario(30)) == (200, 200, 200, None)
    assert asyncio.run(scenario(0.2)) == (200, 503, 200, "5")
