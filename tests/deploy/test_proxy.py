"""The production front door without Docker (no engine runs on these machines): Debian's nginx with the
image's own template (docker/nginx/zhaoshang.conf.template) in front of uvicorn serving the app — TLS, the
redirect, security headers, gzip, and a forged X-Forwarded-For that reaches neither the audit history nor the
login throttle."""

import os
import pwd
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

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
    cert: Path
    db: Path


def _ca(stack: "Stack") -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(stack.cert))


def render(template: str, values: dict[str, str]) -> str:
    """What the nginx image's envsubst does with our variables (nginx's own $variables stay)."""
    return re.sub(r"\$\{(ZS_[A-Z_]+)\}", lambda m: values[m.group(1)], template)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    assert NGINX is not None, "nginx must be installed under CI"
    tmp = tmp_path_factory.mktemp("proxy")
    db = tmp / "app.db"
    env = {**os.environ, "ZS_DATABASE_URL": f"sqlite:///{db}", "ZS_ENVIRONMENT": "development",
           "ZS_JOBS_URL": "immediate", "ZS_TRUSTED_PROXIES": '["127.0.0.1/32"]',
           "ZS_FRONTEND_DIST": str(tmp / "nodist"), "PYTHONPATH": str(ROOT / "backend")}
    for step in (["-m", "alembic", "upgrade", "head"], ["-m", "app.cli", "seed", "--demo-users"]):
        subprocess.run([sys.executable, *step], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    app_port, http_port, https_port = _port(), _port(), _port()
    app = subprocess.Popen(  # noqa: S603 - our own uvicorn
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--app-dir", "backend", "--host", "127.0.0.1",
         "--port", str(app_port), "--no-proxy-headers", "--log-level", "warning"], cwd=ROOT, env=env)
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
        "ZS_UPSTREAM": f"127.0.0.1:{app_port}", "ZS_TLS_DIR": str(tls), "ZS_SERVER_NAME": "_",
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
        _wait(f"http://127.0.0.1:{app_port}/api/health")
        _wait(f"https://127.0.0.1:{https_port}/", verify=False)
        yield Stack(f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", tls / "cert.pem", db)
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(10)
        app.wait(10)


def test_tls_with_the_certificate_and_http_redirects(stack: Stack) -> None:
    r = httpx.get(f"{stack.https}/api/health", verify=_ca(stack))
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
    assert r.headers["referrer-policy"] == "same-origin"
    assert r.headers["cache-control"] == "no-cache"
    asset = httpx.get(f"{stack.https}/assets/app.js", verify=_ca(stack), headers={"Accept-Encoding": "gzip"})
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["content-encoding"] == "gzip"


def test_api_answers_are_compressed(stack: Stack) -> None:
    r = httpx.get(f"{stack.https}/openapi.json", verify=_ca(stack), headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["info"]["title"]


def test_a_forged_forwarded_address_reaches_neither_the_audit_nor_the_throttle(stack: Stack) -> None:
    forged = {"X-Forwarded-For": "6.6.6.6, 10.1.2.3"}
    with httpx.Client(base_url=stack.https, verify=_ca(stack)) as client:
        bad = client.post("/api/auth/token", headers=forged,
                          data={"grant_type": "password", "username": "office", "password": "wrong-password"})
        assert bad.status_code == 401
        ok = client.post("/api/auth/token", headers=forged,
                         data={"grant_type": "password", "username": "office", "password": "zhaoshang-demo"})
        assert ok.status_code == 200, ok.text
        me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {ok.json()['access_token']}", **forged})
        assert me.status_code == 200 and me.json()["name"] == "office"
    with sqlite3.connect(stack.db) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM login_throttle")}
        addrs = {a for (a,) in conn.execute(
            "SELECT DISTINCT client_addr FROM audit_event WHERE client_addr IS NOT NULL")}
    assert "ip:127.0.0.1" in keys
    assert not any("6.6.6.6" in k or "10.1.2.3" in k for k in keys)
    assert addrs == {"127.0.0.1"}
