"""Keep-alive connections are recycled after `keepalive_requests` answers, so that long-lived connections spread
over the workers (a burst of them otherwise stays on whichever worker accepted it)."""

import asyncio
import http.client
import socket
import threading
import time

import uvicorn

from app.core.middleware import RequestContextMiddleware


async def _ok(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


def _answers(mw: RequestContextMiddleware, client: tuple[str, int] | list, n: int, version: str = "1.1") -> list[bool]:
    """For n requests on one connection: whether each answer asked the client to reconnect."""
    closed: list[bool] = []

    async def send(message):
        if message["type"] == "http.response.start":
            closed.append((b"connection", b"close") in message["headers"])

    scope = {"type": "http", "http_version": version, "client": client, "server": ("127.0.0.1", 8000),
             "headers": [], "raw_path": b"/", "query_string": b""}
    for _ in range(n):
        asyncio.run(mw(dict(scope), None, send))
    return closed


def test_every_nth_answer_on_a_connection_asks_the_client_to_reconnect():
    mw = RequestContextMiddleware(_ok, max_body_bytes=1024, trusted_proxies=[], keepalive_requests=3)
    assert _answers(mw, ("10.0.0.1", 5000), 7) == [False, False, True, False, False, True, False]
    assert _answers(mw, ("10.0.0.1", 5001), 2) == [False, False]  # counted per connection
    assert _answers(mw, ("10.0.0.1", 5002), 3, version="1.0") == [False] * 3  # HTTP/1.0 closes anyway
    assert _answers(mw, ["testclient", 50000], 3) == [False, False, True]  # a list, as Starlette's TestClient sends


def test_zero_keeps_connections_open_as_long_as_the_client_likes():
    mw = RequestContextMiddleware(_ok, max_body_bytes=1024, trusted_proxies=[], keepalive_requests=0)
    assert _answers(mw, ("10.0.0.1", 5000), 5) == [False] * 5


def test_uvicorn_closes_the_connection_after_the_nth_answer_and_the_client_reconnects():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = RequestContextMiddleware(_ok, max_body_bytes=1024, trusted_proxies=[], keepalive_requests=2)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        peers = []
        for _ in range(4):
            conn.request("GET", "/")
            reply = conn.getresponse()
            assert (reply.status, reply.read()) == (200, b"ok")
            peers.append((conn.sock.getsockname() if conn.sock else None, reply.getheader("connection")))
        conn.close()
        # answers 2 and 4 say close, and the server did close: http.client dropped the socket, then reconnected
        assert [header for _, header in peers] == [None, "close", None, "close"]
        assert peers[0][0] is not None and peers[1][0] is None and peers[2][0] is not None
        assert peers[2][0] != peers[0][0]  # a new connection (another local port)
    finally:
        server.should_exit = True
        thread.join(10)
