"""Idempotency-Key on POST: the same key and body replay the stored answer; another body is refused.

The key is claimed inside the request's own transaction, so the stored answer and the work it
describes commit (or roll back) together. A second request racing the first waits on the unique
index and then gets 409; once the first has committed, retries get its answer.
"""

import hashlib
import json
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.authz.deps import current_principal
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.errors import AppError, Conflict, Unprocessable
from app.core.time import utcnow
from app.idempotency.models import IdempotencyRecord

KEEP_FOR = timedelta(hours=48)
HEADER = "Idempotency-Key"


class Replay(Exception):
    """Raised to answer a retried request with the stored response; answered by `install_replay`."""

    def __init__(self, status_code: int, body: str, headers: str | None = None) -> None:
        self.status_code, self.body = status_code, body
        self.headers: dict[str, str] = json.loads(headers) if headers else {}


def install_replay(app: FastAPI) -> None:
    """Registered by the app factory, so core's error handling never imports this domain."""

    @app.exception_handler(Replay)
    async def _replay(request: Request, exc: Replay) -> Response:
        return Response(exc.body, status_code=exc.status_code, media_type="application/json",
                        headers={**exc.headers, "Idempotency-Replayed": "true"})


class Idempotency:
    def __init__(self, session: Session, record: IdempotencyRecord | None,
                 deferred: tuple[str, str, str, str] | None = None) -> None:
        self.session, self.record, self.deferred = session, record, deferred

    def claim(self, content_key: str) -> None:
        """For a file upload: claims the key against what was uploaded (e.g. the file's SHA-256 with its record
        and category), worked out by the route while streaming, since the raw multipart body is not held in
        memory to be hashed. Does nothing without an Idempotency-Key."""
        if self.deferred is not None:
            caller, key, method, path = self.deferred
            body_hash = hashlib.sha256(content_key.encode()).hexdigest()
            self.record, self.deferred = _claim(self.session, caller, key, method, path, body_hash), None

    def respond(self, payload: Any, status_code: int = 201, headers: dict[str, str] | None = None) -> JSONResponse:
        """The route's answer; stored against the key (if any) in the same transaction, headers (the ETag)
        included, so a replay answers exactly as the original did."""
        content = (payload.model_dump(mode="json", by_alias=True) if isinstance(payload, BaseModel)  # as FastAPI
                   else jsonable_encoder(payload))  # would encode it, in one pass of pydantic's own serialiser
        if self.record is not None:
            self.record.status_code = status_code
            self.record.response_body = json.dumps(content, ensure_ascii=False)
            self.record.response_headers = json.dumps(headers) if headers else None
            self.session.add(self.record)
            self.session.flush()
        return JSONResponse(content, status_code=status_code, headers=headers)


def _claim(session: Session, caller: str, key: str, method: str, path: str, body_hash: str) -> IdempotencyRecord:
    now = utcnow()
    existing = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.caller == caller,
                                                            IdempotencyRecord.key == key)).first()
    if existing is not None and existing.created_at > now - KEEP_FOR:
        if existing.body_hash != body_hash or existing.path != path or existing.method != method:
            raise Unprocessable("该 Idempotency-Key 已用于另一个请求内容，请换一个新的键",
                                code="idempotency-key-reused")
        if existing.status_code is None:
            raise Conflict("相同 Idempotency-Key 的请求正在处理中，请稍后重试", code="idempotency-in-progress")
        raise Replay(existing.status_code, existing.response_body or "null", existing.response_headers)
    if existing is not None:
        session.delete(existing)
        session.flush()
    session.execute(delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < now - KEEP_FOR))
    record = IdempotencyRecord(caller=caller, key=key, method=method, path=path, body_hash=body_hash, created_at=now)
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
    except IntegrityError as exc:
        raise Conflict("相同 Idempotency-Key 的请求正在处理中，请稍后重试", code="idempotency-in-progress") from exc
    return record


async def idempotency(
    request: Request, session: SessionDep, principal: Annotated[Principal, Depends(current_principal)]
) -> Idempotency:
    key = request.headers.get(HEADER)
    if key is None:
        return Idempotency(session, None)
    if not (1 <= len(key) <= 200) or not key.isprintable():
        raise AppError("Idempotency-Key 应为 1–200 个可打印字符", status=400, code="bad-idempotency-key")
    caller = f"{principal.kind}:{principal.id}"
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        return Idempotency(session, None, deferred=(caller, key, request.method, request.url.path))  # see `claim`
    body_hash = hashlib.sha256(await request.body()).hexdigest()
    record = await run_in_threadpool(_claim, session, caller, key, request.method, request.url.path, body_hash)
    return Idempotency(session, record)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency)]
