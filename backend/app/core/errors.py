"""RFC 9457 problem+json for every error the API returns, with Chinese-readable titles."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.validation_messages import summary as summarise
from app.core.validation_messages import translate_errors

log = logging.getLogger("zhaoshang.errors")
PROBLEM_JSON = "application/problem+json"

STATUS_TITLES: dict[int, str] = {
    400: "请求有误 (Bad request)",
    401: "未登录或登录已失效 (Unauthorized)",
    403: "无权执行此操作 (Forbidden)",
    404: "记录不存在 (Not found)",
    405: "不支持该请求方法 (Method not allowed)",
    409: "与现有数据冲突 (Conflict)",
    412: "记录已被他人修改 (Precondition failed)",
    413: "请求内容过大 (Content too large)",
    415: "不支持的内容类型 (Unsupported media type)",
    422: "提交的数据未通过校验 (Unprocessable content)",
    428: "缺少必需的请求头 (Precondition required)",
    429: "请求过于频繁 (Too many requests)",
    500: "服务器内部错误 (Internal server error)",
}


class AppError(Exception):
    """An error a client can act on; rendered as problem+json by the handler below."""

    status: int = 400
    code: str = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        code: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status or self.status
        self.code = code or self.code
        self.errors = errors
        self.headers = headers
        self.extra = extra


class NotFound(AppError):
    status, code = 404, "not-found"

    def __init__(self, detail: str = "记录不存在或无权查看", **kw: Any) -> None:
        super().__init__(detail, **kw)


class Unauthorized(AppError):
    status, code = 401, "unauthorized"

    def __init__(self, detail: str = "请先登录", **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status, code = 403, "forbidden"

    def __init__(self, detail: str = "您的角色无权执行此操作", **kw: Any) -> None:
        super().__init__(detail, **kw)


class Conflict(AppError):
    status, code = 409, "conflict"


class Unprocessable(AppError):
    status, code = 422, "validation-error"


class TooManyRequests(AppError):
    status, code = 429, "too-many-requests"


def problem(
    status: int,
    detail: str,
    *,
    code: str | None = None,
    request: Request | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    if request is not None:
        extra = {"instance": request.url.path, "request_id": getattr(request.state, "request_id", None) or None,
                 **extra}
    return JSONResponse(problem_body(status, detail, code=code, **extra), status_code=status,
                        media_type=PROBLEM_JSON, headers=headers)


def problem_body(status: int, detail: str, *, code: str | None = None, **extra: Any) -> dict[str, Any]:
    """The RFC 9457 object itself; members given as None are left out."""
    body: dict[str, Any] = {"type": f"/problems/{code or status}", "title": STATUS_TITLES.get(status, "错误"),
                            "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


INTEGRITY_DETAIL = "数据与已有记录冲突（如编码重复），未保存任何修改"


def problem_of(exc: Exception) -> dict[str, Any] | None:
    """The problem an error a client can act on becomes, without a request (one item of a batch); None for any
    other error, which stays a 500."""
    if isinstance(exc, AppError):
        return problem_body(exc.status, exc.detail, code=exc.code, errors=exc.errors, **exc.extra)
    if isinstance(exc, ValidationError):
        errors = translate_errors(exc.errors())  # type: ignore[arg-type]  # pydantic's ErrorDetails are dicts
        return problem_body(422, summarise(errors) or "提交的数据未通过校验", code="validation-error", errors=errors)
    if isinstance(exc, IntegrityError):
        return problem_body(409, INTEGRITY_DETAIL, code="conflict")
    return None


def answer(exc: AppError, request: Request) -> JSONResponse:
    """The error as a response. A route returns it instead of raising when the request's writes must still
    commit (a failed password attempt counted by the throttle)."""
    return problem(exc.status, exc.detail, code=exc.code, request=request, headers=exc.headers,
                   errors=exc.errors, **exc.extra)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return answer(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = translate_errors(exc.errors())
        return problem(422, summarise(errors) or "提交的数据未通过校验", code="validation-error", request=request,
                       errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        default = {404: "找不到该地址", 405: "该地址不支持此请求方法"}.get(exc.status_code, "请求无法处理")
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in (404, 405) else default
        return problem(exc.status_code, detail, request=request, headers=getattr(exc, "headers", None))

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problem(412, "该记录已被他人修改，请刷新后重试", code="precondition-failed", request=request)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity error: %s", exc.orig)
        return problem(409, INTEGRITY_DETAIL, code="conflict", request=request)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        # logged from outside the request's middleware: its id is passed along explicitly
        log.exception("unhandled error", exc_info=exc, extra={"request_id": getattr(request.state, "request_id", None)})
        return problem(500, "服务器出错，已记录。请稍后重试或联系管理员，并提供 request_id。",
                       code="internal", request=request)
