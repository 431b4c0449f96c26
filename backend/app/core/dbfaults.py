"""When the database is slow, gone or says "try again": fail fast with 503 and `Retry-After`, retry what is
worth retrying, and never let requests wait on each other for a connection.

- `DatabaseErrors` turns the database's own failures into problem+json: a deadlock or serialization failure
  (and `RetryableError`, e.g. the counting rules switching under a write) is marked for a server-side retry;
  a lost or refused connection, a pool timeout, `statement_timeout` or `lock_timeout` answer 503 with
  `Retry-After`. They are answered by handlers, not re-raised, so the client's connection stays open.
- `RetryMiddleware` runs such a request again (its body replayed, a fresh session each time), up to three
  attempts with jittered back-off; only then does the client see the 503.
- `AdmissionMiddleware` lets at most as many requests in as the pool has connections, and gives the thread
  pool more threads than that: a request holding a connection can always get a thread, so the pool and the
  threads can never wait on each other (the hang of ~60 requests on 40 threads and 20 connections). A
  request that cannot get in within `queue_seconds` answers 503 rather than hang. It also counts the requests
  in flight (`in_flight`), so long CPU-bound work such as an export can give way while others wait.
  On SQLite, which has one write lock, requests that may write first queue for their turn one at a time, in
  order of arrival, for up to `write_queue_seconds` (`ZS_SQLITE_WRITE_WAIT_S`): a burst of the city's writers
  waits in line instead of polling the lock from every thread and giving up (32 writers answered 503 before),
  and a queued writer holds no admission slot or connection, so reads pass it by.
"""

import asyncio
import logging
import random
import weakref
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core import db
from app.core.errors import problem

log = logging.getLogger(__name__)
RETRY_MARK = b"x-zs-retry"  # internal: never leaves the server
RETRIABLE_SQLSTATES = {"40P01", "40001"}  # deadlock detected, serialization failure
ATTEMPTS = 3
UNAVAILABLE = "数据库暂时不可用或繁忙，请稍后重试（未保存任何修改）"


class RetryableError(Exception):
    """A condition under which the whole request should simply run again (nothing was committed)."""


def _sqlstate(exc: BaseException) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


def install_database_errors(app: FastAPI, retry_after_s: int) -> None:
    headers = {"Retry-After": str(retry_after_s)}

    async def retryable(request: Request, exc: Exception) -> JSONResponse:
        response = problem(503, UNAVAILABLE, code="database-busy", request=request, headers=headers)
        response.headers[RETRY_MARK.decode()] = "1"
        return response

    async def database(request: Request, exc: Exception) -> JSONResponse:
        if _sqlstate(exc) in RETRIABLE_SQLSTATES:
            return await retryable(request, exc)
        log.warning("database unavailable: %s", exc)
        return problem(503, UNAVAILABLE, code="database-unavailable", request=request, headers=headers)

    app.add_exception_handler(RetryableError, retryable)
    for kind in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(kind, database)

    async def dbapi(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DBAPIError)
        if exc.connection_invalidated or _sqlstate(exc) in RETRIABLE_SQLSTATES:
            return await database(request, exc)
        log.exception("database error", exc_info=exc)
        return problem(500, "服务器出错，已记录。请稍后重试或联系管理员，并提供 request_id。", code="internal",
                       request=request)

    app.add_exception_handler(DBAPIError, dbapi)


class RetryMiddleware:
    """Runs a request again when the app marked its answer as worth retrying (see the module doc)."""

    def __init__(self, app: ASGIApp, attempts: int = ATTEMPTS) -> None:
        self.app, self.attempts = app, attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _replayable(scope):
            await self.app(scope, receive, send)
            return
        body, more = [], True
        while more:  # the body is small (the request-size limit runs before this) and replayed per attempt
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body.append(message.get("body", b""))
            more = message.get("more_body", False)
        whole = b"".join(body)
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            retry = await self._attempt(scope, whole, send, last)
            if not retry:
                return
            await asyncio.sleep(random.uniform(0.02, 0.1) * attempt)  # noqa: S311 - jitter, not secrecy

    async def _attempt(self, scope: Scope, body: bytes, send: Send, last: bool) -> bool:
        """True when the answer was marked for a retry and swallowed (never on the last attempt)."""
        sent = False
        swallow = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                await asyncio.Event().wait()  # like a client that says nothing more
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def intercept(message: Message) -> None:
            nonlocal swallow
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != RETRY_MARK]
                swallow = not last and len(headers) != len(message.get("headers", []))
                message = {**message, "headers": headers}
            if not swallow:
                await send(message)

        await self.app(scope, replay, intercept)
        return swallow


def _replayable(scope: Scope) -> bool:
    """Small bodies are kept to be sent again; an upload streams through once (and is not retried)."""
    headers = dict(scope.get("headers") or [])
    length = headers.get(b"content-length", b"0")
    return not headers.get(b"content-type", b"").startswith(b"multipart/") and (
        not length.isdigit() or int(length) <= 1_048_576)


_in_flight = 0  # admitted API requests of this process not yet finished (streamed answers until their end)


def in_flight() -> int:
    """How many API requests this process is serving right now (read without a lock: a hint for pacing, e.g.
    an export giving way to others, never a guarantee)."""
    return _in_flight


@dataclass(frozen=True)
class _Gate:
    requests: asyncio.Semaphore  # at most `limit` requests at once
    writer: asyncio.Lock  # SQLite: one writer of this process at a time, first come first served


class AdmissionMiddleware:
    """At most `limit` requests at once reach the app (and so the database pool); see the module doc."""

    def __init__(self, app: ASGIApp, limit: int, queue_seconds: float, retry_after_s: int,
                 write_queue_seconds: float | None = None) -> None:
        self.app, self.limit, self.queue_seconds = app, limit, queue_seconds
        self.write_queue_seconds = write_queue_seconds
        self.retry_after = str(retry_after_s).encode()
        # per event loop: uvicorn runs one per process; tests drive one app from several clients' loops, and an
        # asyncio primitive waited on from a loop it was not made in fails
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Gate] = weakref.WeakKeyDictionary()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api"):
            await self.app(scope, receive, send)
            return
        write = scope["method"] not in db.READ_METHODS
        db.writes.set(write)
        gate = self._gates.get(loop := asyncio.get_running_loop())
        if gate is None:
            gate = self._gates[loop] = _Gate(asyncio.Semaphore(self.limit), asyncio.Lock())
            limiter = anyio.to_thread.current_default_thread_limiter()
            limiter.total_tokens = max(limiter.total_tokens, 2 * self.limit + 8)
        queued = write and self.write_queue_seconds is not None
        if queued:
            try:  # asyncio.timeout, not wait_for: on 3.11 wait_for can time out a granted lock and leak it
                async with asyncio.timeout(self.write_queue_seconds):
                    await gate.writer.acquire()
            except TimeoutError:
                await _busy(send, self.retry_after)
                return
        try:
            await self._admitted(gate.requests, scope, receive, send)
        finally:
            if queued:
                gate.writer.release()

    async def _admitted(self, requests: asyncio.Semaphore, scope: Scope, receive: Receive, send: Send) -> None:
        global _in_flight
        try:
            async with asyncio.timeout(self.queue_seconds):
                await requests.acquire()
        except TimeoutError:
            await _busy(send, self.retry_after)
            return
        _in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            _in_flight -= 1
            requests.release()


async def _busy(send: Send, retry_after: bytes) -> None:
    body = ('{"type":"/problems/server-busy","title":"服务繁忙","status":503,"detail":"当前请求过多，请稍后重试"}'
            .encode())
    headers: list[Any] = [(b"content-type", b"application/problem+json"), (b"retry-after", retry_after),
                          (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
