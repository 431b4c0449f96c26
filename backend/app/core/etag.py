"""Optimistic concurrency: every record answers with an ETag (its version); updates must send If-Match."""

from typing import Any

from fastapi import Request, Response

from app.core.errors import AppError


def etag_of(obj: Any) -> str:
    return f'"{obj.version}"'


def set_etag(response: Response, obj: Any) -> None:
    response.headers["ETag"] = etag_of(obj)


def require_if_match(request: Request, obj: Any) -> None:
    """428 without If-Match, 412 when the record changed since the client read it."""
    header = request.headers.get("if-match")
    if not header:
        raise AppError("修改记录时必须带上 If-Match 请求头（取自读取记录时的 ETag）", status=428,
                       code="precondition-required")
    current = etag_of(obj)
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if "*" not in candidates and current not in candidates:
        raise AppError("该记录已被他人修改，请刷新后重试", status=412, code="precondition-failed",
                       headers={"ETag": current}, current_etag=current)


def bump_version(obj: Any) -> None:
    obj.version = (obj.version or 0) + 1
