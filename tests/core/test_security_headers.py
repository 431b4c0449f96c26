"""The app's own security headers on every kind of answer (the SPA's page, API JSON, problem+json errors, the
docs), so they hold without nginx too; and pages whose scripts all load by src=, so `script-src 'self'` holds."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine

from app.core.config import Settings
from app.core.db import session_factory
from app.main import create_app
from tests.conftest import ROOT


def assert_security_headers(headers, *, api: bool) -> None:
    csp = headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-eval" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    if api:
        assert headers["cache-control"] == "no-store"


class Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[dict[str, str | None]] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.tags.append(dict(attrs))
            self._in_script = True
        for name, _ in attrs:
            assert not name.startswith("on"), f"inline event handler {name}"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data)


def scripts_of(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


@pytest.fixture
def spa_client(settings: Settings, engine: Engine, connection: Connection, tmp_path: Path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><title>招商</title><div id="root"></div>'
                                         '<script type="module" src="/assets/app.js"></script>', encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)\n", encoding="utf-8")
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path}), engine)
    app.state.session_factory = session_factory(connection)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_the_spa_page_and_its_assets(spa_client: TestClient) -> None:
    page = spa_client.get("/projects/12")
    assert page.status_code == 200 and "<title>招商</title>" in page.text
    assert_security_headers(page.headers, api=False)
    assert page.headers["cache-control"] == "no-cache"  # the page revalidates; it holds no personal data
    asset = spa_client.get("/assets/app.js")
    assert asset.status_code == 200
    assert_security_headers(asset.headers, api=False)


def test_api_json_answers_are_not_stored(client: TestClient, headers_for) -> None:
    r = client.get("/api/v1/units/1", headers=headers_for("office"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert_security_headers(r.headers, api=True)
    assert_security_headers(client.get("/api/v1/health").headers, api=True)


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/v1/units/1", 401),          # no token
    ("GET", "/api/v1/no-such-thing", 404),    # unknown API path
    ("GET", "/metrics", 404),              # metrics disabled
    ("GET", "/api/v1/units?colour=red", 422),  # validation error (an unknown query parameter)
])
def test_problem_json_errors(client: TestClient, method: str, path: str, status: int) -> None:
    r = client.request(method, path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    assert_security_headers(r.headers, api=True)


def test_errors_answered_before_the_app_carry_them_too(client: TestClient) -> None:
    r = client.get("/api/v1/units/1?x=%00")  # refused by the request-context middleware, outside the routes
    assert r.status_code == 400
    assert_security_headers(r.headers, api=True)


def test_a_route_keeps_its_own_cache_control(spa_client: TestClient) -> None:
    assert spa_client.get("/").headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_load_every_script_by_src(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert_security_headers(r.headers, api=False)
    found = scripts_of(r.text)
    assert found.tags, "the page loads its scripts"
    assert found.inline == []
    for tag in found.tags:
        src = tag.get("src")
        assert src and src.startswith("/"), tag  # our own origin: no CDN on an intranet
        script = client.get(src)
        assert script.status_code == 200 and "javascript" in script.headers["content-type"], src
        assert_security_headers(script.headers, api=False)


def test_swagger_start_up_script_is_served(client: TestClient) -> None:
    js = client.get("/docs/swagger-init.js").text
    assert "SwaggerUIBundle(" in js and '"url": "/openapi.json"' in js and "persistAuthorization" in js


def test_the_spa_index_has_no_inline_script() -> None:
    """The source index.html vite builds from, and the built one when present (vite adds only src= scripts)."""
    pages = [ROOT / "frontend" / "index.html"]
    built = ROOT / "frontend" / "dist" / "index.html"
    if built.is_file():
        pages.append(built)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = scripts_of(html)
        assert found.tags and found.inline == [], page
        assert all(tag.get("src") for tag in found.tags), page
        assert not re.search(r"javascript:", html, re.IGNORECASE), page
