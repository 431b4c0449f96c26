"""A lean HTTP/1.1 keep-alive client for the write benchmarks. The client shares the server's two cores here, and
httpx spent about 2 ms of CPU on each request: on a real network the clients are other machines, so the
harness should take as little of this one as it can. Same shape as the `httpx.Client` calls it replaces."""

import http.client
import json
from typing import Any
from urllib.parse import urlencode, urlsplit


class Answer:
    def __init__(self, status: int, body: bytes) -> None:
        self.status_code, self.content = status, body

    def json(self) -> Any:
        return json.loads(self.content) if self.content else None


class LeanClient:
    """One persistent connection; reconnects once if the server closed it between requests."""

    def __init__(self, base_url: str, timeout: float = 60) -> None:
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname or "127.0.0.1", parts.port or 80, timeout
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def __enter__(self) -> "LeanClient":
        return self

    def __exit__(self, *_: object) -> None:
        self.conn.close()

    def request(self, method: str, path: str, headers: dict[str, str] | None = None, json_body: Any = None,
                params: dict[str, Any] | None = None) -> Answer:
        body = None if json_body is None else json.dumps(json_body).encode()
        sent = {**(headers or {}), **({"Content-Type": "application/json"} if body is not None else {})}
        target = f"{path}?{urlencode(params)}" if params else path
        for attempt in (1, 2):
            try:
                self.conn.request(method, target, body=body, headers=sent)
                reply = self.conn.getresponse()
                return Answer(reply.status, reply.read())
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt == 2 or method != "GET":
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str, headers: dict[str, str] | None = None, params: dict[str, Any] | None = None) -> Answer:
        return self.request("GET", path, headers, params=params)

    def post(self, path: str, headers: dict[str, str] | None = None, json: Any = None) -> Answer:  # noqa: A002
        return self.request("POST", path, headers, json_body=json)
