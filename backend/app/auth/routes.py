"""OAuth2 token endpoint (password, refresh_token, client_credentials), logout and the caller's profile."""

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime
from sqlmodel import col, select

from app.auth import oauth, service
from app.auth.models import SignIn
from app.auth.schemas import MePublic, SignInPublic, SignInsPublic, TokenResponse, UnitBrief
from app.authz.deps import allow, public
from app.authz.policy import Action, is_allowed
from app.authz.principal import Principal
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError
from app.core.schemas import INT32_MAX
from app.units.models import Unit
from app.users.models import User

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

FormStr = Annotated[str | None, Form()]
MAX_FORM_VALUE = 4096


@router.post("/token", response_model=TokenResponse, dependencies=[public], responses=oauth.ERROR_RESPONSES,
             openapi_extra={"security": [{"clientSecretBasic": []}, {}]})
def token(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    grant_type: Annotated[str | None, Form(description="password、refresh_token 或 client_credentials")] = None,
    username: FormStr = None,
    password: FormStr = None,
    refresh_token: FormStr = None,
    client_id: Annotated[str | None, Form(description="client_secret_post；或用 HTTP Basic")] = None,
    client_secret: FormStr = None,
    scope: FormStr = None,
) -> TokenResponse | JSONResponse:
    """Issue tokens (RFC 6749). A failed attempt is answered, not raised, so its throttle count is committed."""
    form = (grant_type, username, password, refresh_token, client_id, client_secret, scope)
    if any(value is not None and len(value) > MAX_FORM_VALUE for value in form):
        raise oauth.OAuthError("invalid_request", f"参数过长（最多 {MAX_FORM_VALUE} 个字符）")
    if not grant_type:
        raise oauth.OAuthError("invalid_request", "缺少 grant_type")
    if grant_type not in oauth.GRANT_TYPES:
        raise oauth.OAuthError("unsupported_grant_type", f"不支持的 grant_type：{grant_type[:50]}")
    try:
        if grant_type == "password":
            if not username or not password:
                raise oauth.OAuthError("invalid_request", "请填写用户名和密码")
            pair = service.login_with_password(session, settings, username, password,
                                               getattr(request.state, "client_addr", None))
        elif grant_type == "refresh_token":
            if not refresh_token:
                raise oauth.OAuthError("invalid_request", "缺少 refresh_token")
            pair = service.refresh_tokens(session, settings, refresh_token)
        else:
            client, secret = oauth.client_credentials(request, client_id, client_secret)
            pair = service.login_client(session, settings, client, secret, scope)
    except service.LoginFailed as exc:
        return oauth.from_app_error(exc, grant_type).response(request)
    except AppError as exc:
        raise oauth.from_app_error(exc, grant_type) from exc
    response.headers.update(oauth.NO_STORE)
    return TokenResponse(access_token=pair.access_token, expires_in=pair.expires_in,
                         refresh_token=pair.refresh_token, scope=pair.scope)


@router.post("/logout", status_code=204)
def logout(session: SessionDep, principal: Annotated[Principal, allow(Action.session_read)]) -> Response:
    """Ends every session of the caller: refresh tokens are revoked and access tokens stop working."""
    if principal.kind == "user":
        user = session.get(User, principal.id)
        if user is not None:
            service.end_all_sessions(session, user)
    return Response(status_code=204)


@router.get("/me", response_model=MePublic)
def me(session: SessionDep, principal: Annotated[Principal, allow(Action.session_read)]) -> MePublic:
    """Who the caller is and which actions it may take, so the SPA shows only the menus that work."""
    unit = session.get(Unit, principal.unit_id) if principal.unit_id else None
    display = principal.name
    if principal.kind == "user" and (user := session.get(User, principal.id)):
        display = user.display_name
    return MePublic(
        kind=principal.kind, id=principal.id, name=principal.name, display_name=display, role=principal.role,
        unit=UnitBrief.model_validate(unit) if unit else None, scopes=sorted(principal.scopes),
        permissions=sorted(a.value for a in Action if is_allowed(principal, a)),
    )


@router.get("/sign-ins", response_model=SignInsPublic)
def list_sign_ins(
    session: SessionDep,
    _: Annotated[Principal, allow(Action.audit_read)],
    username: Annotated[str | None, Query(max_length=100)] = None,
    succeeded: bool | None = None,
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
    cursor: Annotated[int | None, Query(ge=1, le=INT32_MAX, description="上一页返回的 next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> SignInsPublic:
    """The sign-in log, newest first: every password sign-in, with the address and whether it worked. Kept apart
    from the audit history of records, which no longer carries a row per login."""
    stmt = select(SignIn)
    if username:
        stmt = stmt.where(col(SignIn.username) == username.strip().lower())
    if succeeded is not None:
        stmt = stmt.where(col(SignIn.succeeded).is_(succeeded))
    if since is not None:
        stmt = stmt.where(col(SignIn.at) >= since)
    if until is not None:
        stmt = stmt.where(col(SignIn.at) < until)
    if cursor is not None:
        stmt = stmt.where(col(SignIn.id) < cursor)
    rows = list(session.exec(stmt.order_by(col(SignIn.id).desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return SignInsPublic(data=[SignInPublic.model_validate(r) for r in rows],
                         next_cursor=str(rows[-1].id) if more and rows else None)
