"""RFC 6749 on the token endpoint: client authentication (§2.3.1) and the error answer (§5.2).

Other systems' OAuth libraries expect `{"error": "invalid_client", "error_description": …}` here, not
problem+json, and authenticate with HTTP Basic by default; the SPA reads the same answer (see
frontend/src/lib/apiError.ts).
"""

import base64
import binascii
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import unquote_plus

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.core.errors import AppError

ErrorCode = Literal["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                    "unsupported_grant_type", "invalid_scope"]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
BASIC_CHALLENGE = 'Basic realm="zhaoshang", charset="UTF-8"'
GRANT_TYPES = ("password", "refresh_token", "client_credentials")


class OAuthErrorBody(BaseModel):
    """RFC 6749 §5.2 error answer of the token endpoint (with our finer `code` and the request id)."""

    error: ErrorCode
    error_description: str
    code: str | None = Field(default=None, description="细分原因，如 demo-password、unit-inactive、refresh-reused")
    request_id: str | None = None


class OAuthError(Exception):
    """A refused token request. Raised (the transaction rolls back) or answered with `response`."""

    def __init__(self, error: ErrorCode, description: str, *, status: int = 400, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(description)
        self.error, self.description, self.status, self.code = error, description, status, code
        self.headers = dict(headers or {})
        if error == "invalid_client":  # §5.2: 401 with the scheme the client may use
            self.status = 401
            self.headers["WWW-Authenticate"] = BASIC_CHALLENGE

    def response(self, request: Request) -> JSONResponse:
        body = OAuthErrorBody(error=self.error, error_description=self.description, code=self.code,
                              request_id=getattr(request.state, "request_id", None))
        return JSONResponse(body.model_dump(exclude_none=True), status_code=self.status,
                            headers={**self.headers, **NO_STORE})


def from_app_error(exc: AppError, grant_type: str) -> OAuthError:
    """The service's refusal in RFC 6749 words: a bad client is `invalid_client`, everything about the
    credentials, refresh token or account is `invalid_grant` (a locked-out login keeps its 429)."""
    error: ErrorCode = "invalid_grant"
    if exc.code == "invalid-scope":
        error = "invalid_scope"
    elif exc.code == "invalid-client" or (grant_type == "client_credentials" and exc.status == 401):
        error = "invalid_client"
    status = 429 if exc.status == 429 else 400
    headers = {k: v for k, v in (exc.headers or {}).items() if k == "Retry-After"}
    return OAuthError(error, exc.detail, status=status, code=exc.code, headers=headers)


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """client_id and secret from `Authorization: Basic`, each form-urlencoded before encoding (§2.3.1)."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise OAuthError("invalid_client", "Authorization: Basic 无法解码") from exc
    client_id, sep, secret = decoded.partition(":")
    if not sep or not client_id:
        raise OAuthError("invalid_client", "Authorization: Basic 应为 client_id:client_secret")
    return unquote_plus(client_id), unquote_plus(secret)


def client_credentials(request: Request, client_id: str | None, client_secret: str | None) -> tuple[str, str]:
    """`client_secret_basic` or `client_secret_post`, never both (§2.3)."""
    basic = basic_credentials(request.headers.get("authorization"))
    if basic is not None:
        if (client_id is not None and client_id != basic[0]) or client_secret is not None:
            raise OAuthError("invalid_request", "客户端认证只能用一种方式：HTTP Basic 或表单中的 client_secret")
        return basic
    if not client_id or not client_secret:
        raise OAuthError("invalid_client", "缺少客户端认证：请用 HTTP Basic，或在表单中提供 client_id 和 client_secret")
    return client_id, client_secret


CLIENT_BASIC_SCHEME = {"type": "http", "scheme": "basic",
                       "description": "client_secret_basic：client_id:client_secret（各自先作表单编码）"}


def install_oauth(app: FastAPI) -> None:
    """Registered by the app factory (core's error handling never imports this domain): the error answer,
    and the token endpoint's HTTP Basic scheme in the OpenAPI document."""

    @app.exception_handler(OAuthError)
    async def _oauth(request: Request, exc: OAuthError) -> JSONResponse:
        return exc.response(request)

    build: Callable[[], dict[str, Any]] = app.openapi

    def with_basic() -> dict[str, Any]:
        schema = build()
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["clientSecretBasic"] = CLIENT_BASIC_SCHEME
        return schema

    setattr(app, "openapi", with_basic)  # noqa: B010 - FastAPI's documented way to extend it


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": OAuthErrorBody, "description": description,
             "headers": {"Cache-Control": {"schema": {"type": "string"}, "description": "no-store"}}}
    for status, description in (
        (400, "invalid_request / invalid_grant / invalid_scope / unsupported_grant_type"),
        (401, "invalid_client（带 WWW-Authenticate: Basic）"),
        (429, "登录失败次数过多，暂时锁定（Retry-After）"),
    )
}
