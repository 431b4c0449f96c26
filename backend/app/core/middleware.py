"""ASGI middleware: request id, client address, body size limit, NUL rejection in URLs, and keep-alive
connections recycled after a number of answers."""

import ipaddress
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem

_MAX_REQUEST_ID = 64


def is_upload(scope: Scope) -> bool:
    """A file upload (POST …/attachments, an Excel import) may carry up to the attachment limit; every other body
    the small one."""
    path = str(scope.get("path", ""))
    return scope.get("method") == "POST" and (path.endswith("/attachments") or path.rstrip("/") == "/api/v1/imports")


class BodyTooLarge(Exception):
    pass


class RequestContextMiddleware:
    """Tags each request with an id (echoed as X-Request-ID) and the caller's address.

    The address comes from X-Forwarded-For only when the direct peer is a configured trusted proxy,
    so a client cannot forge where it called from in the audit history.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, trusted_proxies: list[str],
                 upload_max_bytes: int | None = None, keepalive_requests: int = 0) -> None:
        self.app = app
        self.keepalive_requests = keepalive_requests
        # (client, server) address of a connection → answers on it so far
        self._answered: dict[tuple[tuple[object, ...], tuple[object, ...]], int] = {}
        self.max_body_bytes = max_body_bytes
        self.upload_max_bytes = upload_max_bytes or max_body_bytes
        self.trusted = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]

    def _is_trusted(self, addr: str) -> bool:
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            return False
        return any(ip in net for net in self.trusted)

    def _client_addr(self, scope: Scope, headers: dict[bytes, bytes]) -> str | None:
        """Walks X-Forwarded-For from the right: each trusted proxy appended the address it saw, so the first
        untrusted one is the client; anything left of it was written by the client and may be forged."""
        peer = (scope.get("client") or (None,))[0]
        fwd = headers.get(b"x-forwarded-for")
        if not (peer and fwd and self.trusted and self._is_trusted(peer)):
            return peer
        hops = [h.strip() for h in fwd.decode("latin-1").split(",") if h.strip()]
        for hop in reversed(hops):
            if not self._is_trusted(hop):
                return hop[:64]
        return hops[0][:64] if hops else peer

    def _last_on_its_connection(self, scope: Scope) -> bool:
        """Every `keepalive_requests`-th answer on a keep-alive connection asks the client to reconnect. A
        worker accepts whatever connections arrive while it is free, so a burst can leave one worker holding
        most long-lived connections and its core saturated while the other idles; a client reconnecting lands
        on whichever worker is free then, and the load evens out (nginx's `keepalive_requests`, the same idea).
        The client never notices: HTTP clients reconnect on their own."""
        if not self.keepalive_requests or scope.get("http_version") != "1.1" or scope.get("client") is None:
            return False
        key = (tuple(scope["client"]), tuple(scope.get("server") or ()))  # lists under some servers and tests
        answered = self._answered.get(key, 0) + 1
        if answered < self.keepalive_requests:
            if len(self._answered) > 10_000:  # closed connections are never reported: forget them in bulk
                self._answered.clear()
            self._answered[key] = answered
            return False
        self._answered.pop(key, None)
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        rid = headers.get(b"x-request-id", b"").decode("latin-1")[:_MAX_REQUEST_ID]
        if not rid or not rid.replace("-", "").isalnum():
            rid = uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        state["client_addr"] = self._client_addr(scope, headers)
        extra = [(b"x-request-id", rid.encode())]
        if self._last_on_its_connection(scope):
            extra.append((b"connection", b"close"))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *extra]
            await send(message)

        raw = scope.get("raw_path") or b""
        if b"%00" in raw or b"\x00" in raw or b"%00" in (scope.get("query_string") or b""):
            await problem(400, "地址中含有不允许的空字符 (NUL)")(scope, receive, send_with_id)
            return

        limit = self.upload_max_bytes if is_upload(scope) else self.max_body_bytes
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await problem(413, f"请求内容超过 {limit // 1024} KB 上限")(scope, receive, send_with_id)
            return

        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send_with_id(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not response_started:
                await problem(413, f"请求内容超过 {limit // 1024} KB 上限")(
                    scope, receive, send_with_id
                )
