"""A Python client generated from the live `/openapi.json` by openapi-python-client, as another government
system would build one. Generated once per test session (it takes seconds) and imported as `zs_api_client`.

Our only generator setting: the Excel downloads' media type is read as bytes (`content_type_overrides`),
the same line docs/integration.md gives integrators.
"""

import base64
import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import quote_plus

import httpx

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "zs_api_client"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONFIG = {"content_type_overrides": {XLSX: "application/octet-stream"}}


def generate(base_url: str, out_dir: Path) -> ModuleType:
    """Fetches the spec from the running server, generates the package into `out_dir` and imports it.
    The generator must not warn: a warning means part of the API is missing from the client."""
    spec = out_dir / "openapi.json"
    spec.write_bytes(httpx.get(f"{base_url}/openapi.json", timeout=60).raise_for_status().content)
    config = out_dir / "config.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - the generator with fixed arguments
        [str(GENERATOR), "generate", "--path", str(spec), "--meta", "none", "--output-path", str(out_dir / PACKAGE),
         "--config", str(config)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    warnings = [line for line in done.stdout.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, done.stdout[-5000:]
    sys.path.insert(0, str(out_dir))
    return importlib.import_module(PACKAGE)


def basic_token(client_id: str, secret: str) -> str:
    """The `Authorization: Basic` credential of RFC 6749 §2.3.1: each part form-urlencoded first."""
    return base64.b64encode(f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()).decode()
