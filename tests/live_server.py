"""The real server in its own process (uvicorn, a fresh migrated and seeded database), for tests that talk to
it over HTTP as another system would: schemathesis, the generated Python client."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import ROOT, _fresh_database


def run_live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Yields the server's base URL; stops it afterwards."""
    for url in _fresh_database(tmp_path_factory):
        env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "development", "ZS_JOBS_URL": "immediate",
               "ZS_FRONTEND_DIST": str(ROOT / "nonexistent"), "PYTHONPATH": str(ROOT / "backend")}
        for step in (["-m", "alembic", "upgrade", "head"], ["-m", "app.cli", "seed", "--demo-data"]):
            done = subprocess.run([sys.executable, *step], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
            assert done.returncode == 0, done.stderr[-3000:]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = tmp_path_factory.mktemp("server") / "server.log"
        with log.open("w") as out:
            proc = subprocess.Popen(  # noqa: S603 - our own uvicorn
                [sys.executable, "-m", "uvicorn", "app.asgi:app", "--app-dir", "backend", "--port", str(port),
                 "--log-level", "warning"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
            base = f"http://127.0.0.1:{port}"
            try:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        if httpx.get(f"{base}/api/v1/health").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    assert time.monotonic() < deadline, log.read_text()[-3000:]
                    time.sleep(0.2)
                yield base
            finally:
                proc.terminate()
                proc.wait(20)
