"""X-Forwarded-For: the client is the rightmost address not written by one of our proxies, so a client cannot
forge where it called from by putting an address in front of the list."""

import asyncio

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from app.auth.models import LoginThrottle
from app.core.db import session_factory
from app.core.middleware import RequestContextMiddleware
from app.main import create_app

TRUSTED = ["10.0.0.0/24", "::1/128"]


async def _addr(peer: str, forwarded: str | None) -> str | None:
    seen: dict = {}

    async def app(scope, receive, send):
        seen.update(scope["state"])

    mw = RequestContextMiddleware(app, max_body_bytes=1024, trusted_proxies=TRUSTED)
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    await mw({"type": "http", "client": (peer, 1), "headers": headers, "raw_path": b"/", "query_string": b""},
             None, None)
    return seen["client_addr"]


@pytest.mark.parametrize(("peer", "forwarded", "expected"), [
    ("10.0.0.1", "6.6.6.6, 10.1.2.3", "10.1.2.3"),          # forged entry left of the real hop: ignored
    ("10.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),      # client's address as our proxy saw it
    ("10.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),  # a second trusted proxy is skipped
    ("10.0.0.1", "10.0.0.2, 10.0.0.3", "10.0.0.2"),           # all trusted: the leftmost
    ("10.0.0.1", "junk, 203.0.113.7", "203.0.113.7"),
    ("10.0.0.1", " , ", "10.0.0.1"),                          # nothing usable: the peer
    ("198.51.100.1", "10.1.2.3", "198.51.100.1"),             # untrusted peer: header ignored
    ("10.0.0.1", None, "10.0.0.1"),
])
def test_client_address_from_forwarded_chain(peer, forwarded, expected):
    assert asyncio.run(_addr(peer, forwarded)) == expected


def test_login_throttle_and_audit_use_the_real_address(settings, engine, connection, db):
    """A failed login behind our proxy counts against the client's address, not the one it forged."""
    app = create_app(settings.model_copy(update={"trusted_proxies": TRUSTED}), engine)
    app.state.session_factory = session_factory(connection)
    with TestClient(app, client=("10.0.0.5", 4000), raise_server_exceptions=False) as c:
        r = c.post("/api/v1/auth/token", headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.9"},
                   data={"grant_type": "password", "username": "dcf_editor", "password": "wrong-password"})
    assert r.status_code == 400
    keys = set(db.exec(select(LoginThrottle.key)).all())
    assert "ip:203.0.113.9" in keys and "ip:6.6.6.6" not in keys
