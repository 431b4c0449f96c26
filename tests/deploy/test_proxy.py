"""The production front door without Docker (no engine runs on these machines): Debian's nginx with the
image's own template (docker/nginx/zhaoshang.conf.template) in front of uvicorn serving the app — TLS, the
redirect, security headers (nginx's and the app's), gzip, a forged X-Forwarded-For that reaches neither the
audit history nor the login throttle, readiness that fails while the database is down and recovers, and
/metrics counting the traffic, and the generated documents sent to a process of their own.

The app runs on the test run's kind of database: a fresh PostgreSQL database of its own when
ZS_TEST_DATABASE_URL names a server (taken down by refusing connections to that database only), else a SQLite
file (taken down by moving the file away)."""

import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, make_url, text

from tests.conftest import ROOT, _fresh_database

LOGIN_MAX_FAILURES = 1  # the per-address limit is ten times this: reached quickly in the last test
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(NGINX is None and os.environ.get("CI") != "true",
                                reason="nginx is not installed (scripts/test.sh installs it under CI)")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, **kw: object) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=2, **kw)  # type: ignore[arg-type]
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass
class Stack:
    https: str
    http: str
    app: str  # uvicorn itself, for what nginx does not proxy (/metrics is scraped inside the network)
    documents: str  # the uvicorn nginx sends the generated documents to
    cert: Path
    database_url: str

    def rows(self, sql: str) -> list[tuple]:
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(text(sql))]
        finally:
            engine.dispose()


def _ca(stack: "Stack") -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(stack.cert))


def render(template: str, values: dict[str, str]) -> str:
    """What the nginx image's envsubst does with our variables (nginx's own $variables stay)."""
    return re.sub(r"\$\{(ZS_[A-Z_]+)\}", lambda m: values[m.group(1)], template)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    assert NGINX is not None, "nginx must be installed under CI"
    tmp = tmp_path_factory.mktemp("proxy")
    database = _fresh_database(tmp_path_factory)
    url = next(database)
    env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "development",
           "ZS_JOBS_URL": "immediate", "ZS_TRUSTED_PROXIES": '["127.0.0.1/32"]', "ZS_METRICS_ENABLED": "true",
           "ZS_LOGIN_MAX_FAILURES": str(LOGIN_MAX_FAILURES),
           "ZS_FRONTEND_DIST": str(tmp / "nodist"), "PYTHONPATH": str(ROOT / "backend")}
    for step in (["-m", "alembic", "upgrade", "head"], ["-m", "app.cli", "seed", "--demo-users"]):
        subprocess.run([sys.executable, *step], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    app_port, documents_port, http_port, https_port = _port(), _port(), _port(), _port()
    app, documents = (subprocess.Popen(  # noqa: S603 - our own uvicorn: the API, and the same app for documents
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--app-dir", "backend", "--host", "127.0.0.1",
         "--port", str(port), "--no-proxy-headers", "--log-level", "warning"], cwd=ROOT, env=env)
        for port in (app_port, documents_port))
    tls = tmp / "tls"
    tls.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",  # noqa: S603,S607
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(tls / "key.pem"),
                    "-out", str(tls / "cert.pem")], check=True, capture_output=True)
    spa = tmp / "spa"
    (spa / "assets").mkdir(parents=True)
    (spa / "index.html").write_text('<!doctype html><html lang="zh-CN"><title>招商</title>'
                                    '<script type="module" src="/assets/app.js"></script></html>', encoding="utf-8")
    (spa / "assets" / "app.js").write_text("console.log('zhaoshang');\n" * 200, encoding="utf-8")
    server = render((ROOT / "docker" / "nginx" / "zhaoshang.conf.template").read_text(encoding="utf-8"), {
        "ZS_UPSTREAM": f"127.0.0.1:{app_port}", "ZS_DOCUMENTS_UPSTREAM": f"127.0.0.1:{documents_port}",
        "ZS_TLS_DIR": str(tls), "ZS_SERVER_NAME": "_",
        "ZS_SPA_ROOT": str(spa), "ZS_HTTP_PORT": f"127.0.0.1:{http_port}", "ZS_HTTPS_PORT": f"127.0.0.1:{https_port}"})
    (tmp / "server.conf").write_text(server, encoding="utf-8")
    (tmp / "logs").mkdir()
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.getuid() == 0 else ""  # workers read tmp files
    (tmp / "nginx.conf").write_text(f"""
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  include {tmp}/server.conf;
}}
""", encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],  # noqa: S603
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"),  # noqa: S603
                              "-g", "daemon off; master_process on;"])
    try:
        _wait(f"http://127.0.0.1:{app_port}/api/v1/health")
        _wait(f"http://127.0.0.1:{documents_port}/api/v1/health")
        _wait(f"https://127.0.0.1:{https_port}/", verify=False)
        yield Stack(f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}",
                    f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{documents_port}", tls / "cert.pem", url)
    finally:
        for proc in (nginx, app, documents):
            proc.terminate()
        for proc in (nginx, app, documents):
            proc.wait(10)
        next(database, None)  # a PostgreSQL database is dropped


def test_tls_with_the_certificate_and_http_redirects(stack: Stack) -> None:
    r = httpx.get(f"{stack.https}/api/v1/health", verify=_ca(stack))
    assert r.status_code == 200
    assert r.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    plain = httpx.get(f"{stack.http}/records/visits?x=1", follow_redirects=False)
    assert plain.status_code == 301
    location = plain.headers["location"]
    assert location.startswith("https://") and location.endswith("/records/visits?x=1")


def test_the_spa_comes_with_security_headers(stack: Stack) -> None:
    r = httpx.get(f"{stack.https}/progress/city", verify=_ca(stack))  # a client-side route: index.html
    assert r.status_code == 200 and "<title>招商</title>" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == "no-cache"
    asset = httpx.get(f"{stack.https}/assets/app.js", verify=_ca(stack), headers={"Accept-Encoding": "gzip"})
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["content-encoding"] == "gzip"


def test_api_answers_are_compressed(stack: Stack) -> None:
    r = httpx.get(f"{stack.https}/openapi.json", verify=_ca(stack), headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["info"]["title"]


def test_api_answers_carry_the_apps_headers_and_nginxs_hsts(stack: Stack) -> None:
    for path, status in (("/api/v1/health", 200), ("/api/v1/units/1", 401), ("/docs", 200)):
        r = httpx.get(f"{stack.https}{path}", verify=_ca(stack))
        assert r.status_code == status, path
        assert r.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
        assert "script-src 'self';" in r.headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert len(r.headers.get_list("content-security-policy")) == 1  # one policy, not nginx's and the app's
        if path.startswith("/api/v1/"):
            assert r.headers["cache-control"] == "no-store"


FORGED = {"X-Forwarded-For": "6.6.6.6, 10.1.2.3"}


def test_generated_documents_are_written_by_their_own_process(stack: Stack) -> None:
    """An export goes to the documents upstream, a list to the API's: the workbook's seconds of Python never
    share an interpreter with the lists."""
    export, listing = "/api/v1/visits/export.xlsx", "/api/v1/visits"
    before = {p: (_served(p, export), _served(p, listing)) for p in (stack.app, stack.documents)}
    with httpx.Client(base_url=stack.https, verify=_ca(stack)) as client:
        token = _login(client, "office", "zhaoshang-demo", {}).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        answer = client.get(export, headers=headers)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert answer.content[:2] == b"PK"  # a zip: the workbook came through whole
        assert answer.headers["strict-transport-security"].startswith("max-age=")
        assert client.get(listing, headers=headers).status_code == 200
    after = {p: (_served(p, export), _served(p, listing)) for p in (stack.app, stack.documents)}
    assert after[stack.documents] == (before[stack.documents][0] + 1, before[stack.documents][1])
    assert after[stack.app] == (before[stack.app][0], before[stack.app][1] + 1)


def _login(client: httpx.Client, username: str, password: str, forged: dict[str, str]) -> httpx.Response:
    return client.post("/api/v1/auth/token", headers=forged,
                       data={"grant_type": "password", "username": username, "password": password})


def test_a_forged_forwarded_address_reaches_neither_the_audit_nor_the_throttle(stack: Stack) -> None:
    with httpx.Client(base_url=stack.https, verify=_ca(stack)) as client:
        assert _login(client, "office2", "wrong-password", FORGED).status_code == 400  # (office2 now locked)
        ok = _login(client, "office", "zhaoshang-demo", FORGED)
        assert ok.status_code == 200, ok.text
        auth = {"Authorization": f"Bearer {ok.json()['access_token']}", **FORGED}
        me = client.get("/api/v1/auth/me", headers=auth)
        assert me.status_code == 200 and me.json()["name"] == "office"
        created = client.post("/api/v1/enterprises", headers=auth, json={"name": "经代理写入的企业有限公司"})
        assert created.status_code == 201, created.text
    enterprise_id = created.json()["id"]
    keys = {k for (k,) in stack.rows("SELECT key FROM login_throttle")}
    addrs = {a for (a,) in stack.rows("SELECT DISTINCT client_addr FROM audit_event WHERE client_addr IS NOT NULL")}
    written = stack.rows(f"SELECT client_addr FROM audit_event WHERE entity = 'enterprise' "  # noqa: S608
                         f"AND entity_id = '{enterprise_id}'")
    assert "ip:127.0.0.1" in keys
    assert not any("6.6.6.6" in k or "10.1.2.3" in k for k in keys)
    assert addrs == {"127.0.0.1"}
    assert written == [("127.0.0.1",)]  # the record's own history row: the real peer


def test_readiness_through_the_proxy_fails_while_the_database_is_down_and_recovers(stack: Stack) -> None:
    ready = f"{stack.https}/api/v1/ready"
    assert httpx.get(ready, verify=_ca(stack)).json()["status"] == "ready"
    with _database_down(stack):
        down = httpx.get(ready, verify=_ca(stack), timeout=15)
        assert down.status_code == 503, down.text
        assert down.headers["content-type"] == "application/problem+json"
        assert down.headers["retry-after"] == "5"
        assert down.json()["checks"]["database"].startswith("不可用")
        assert httpx.get(f"{stack.https}/api/v1/health", verify=_ca(stack)).status_code == 200  # alive, not ready
    up = httpx.get(ready, verify=_ca(stack), timeout=15)
    assert up.status_code == 200, up.text
    assert up.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok", "jobs": "skipped"}}


@contextmanager
def _database_down(stack: Stack) -> Iterator[None]:
    """PostgreSQL: this stack's database refuses connections and its sessions are ended (the server and the
    other tests' databases are untouched). SQLite: the file is moved away, then back."""
    url = make_url(stack.database_url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        away = path.with_name(path.name + ".away")
        path.rename(away)
        try:
            yield
        finally:
            away.rename(path)
        return
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{url.database}" WITH ALLOW_CONNECTIONS false'))
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                         {"name": url.database})
        try:
            yield
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{url.database}" WITH ALLOW_CONNECTIONS true'))
    finally:
        admin.dispose()


def _served(process: str, route: str) -> float:
    """GETs of `route` answered 200 by one uvicorn, by its own /metrics."""
    text_ = httpx.get(f"{process}/metrics").text
    prefix = f'zs_http_requests_total{{method="GET",route="{route}",status="200"}} '
    return sum(float(line[len(prefix):]) for line in text_.splitlines() if line.startswith(prefix))


def test_metrics_count_the_traffic_and_stay_inside_the_network(stack: Stack) -> None:
    before = _served(stack.app, "/api/v1/health")
    for _ in range(3):
        assert httpx.get(f"{stack.https}/api/v1/health", verify=_ca(stack)).status_code == 200
    assert _served(stack.app, "/api/v1/health") == before + 3
    assert httpx.get(f"{stack.app}/metrics").headers["content-type"].startswith("text/plain")
    outside = httpx.get(f"{stack.https}/metrics", verify=_ca(stack))
    assert outside.status_code == 404  # nginx does not proxy it, nor answer with the SPA's page


def test_forged_addresses_get_no_fresh_throttle_buckets(stack: Stack) -> None:
    """Runs last: it locks the proxy's one real client address. Each attempt claims a new address; all of them
    count against 127.0.0.1, which locks at its limit — and then even the right password is refused."""
    limit = LOGIN_MAX_FAILURES * 10
    statuses = []
    with httpx.Client(base_url=stack.https, verify=_ca(stack)) as client:
        for i in range(limit + 1):
            forged = {"X-Forwarded-For": f"203.0.113.{i + 1}"}
            statuses.append(_login(client, f"nobody{i}", "wrong-password", forged).status_code)
            if statuses[-1] == 429:
                break
        assert statuses[-1] == 429, statuses
        assert set(statuses[:-1]) == {400} and len(statuses) <= limit  # 400: invalid_grant
        locked = _login(client, "dcf_viewer", "zhaoshang-demo", {"X-Forwarded-For": "198.51.100.7"})
        assert locked.status_code == 429, locked.text
    keys = {k for (k,) in stack.rows("SELECT key FROM login_throttle WHERE key LIKE 'ip:%'")}
    assert keys == {"ip:127.0.0.1"}
