"""OAuth2 token endpoint (password, refresh_token, client_credentials), logout and the caller's profile."""

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime
from sqlmodel import col, select

from app.auth import service
from app.auth.models import SignIn
from app.auth.schemas import MePublic, SignInPublic, SignInsPublic, TokenResponse, UnitBrief
from app.authz.deps import allow, public
from app.authz.policy import Action, is_allowed
from app.authz.principal import Principal
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError, answer
from app.core.schemas import INT32_MAX
from app.units.models import Unit
from app.users.models import User

router = APIRouter(prefix="/api/auth", tags=["auth"])

FormStr = Annotated[str | None, Form(max_length=4096)]


@router.post("/token", response_model=TokenResponse, dependencies=[public],
             responses={401: {"description": "凭据错误"}, 429: {"description": "失败次数过多，已暂时锁定"},
                        403: {"description": "生产环境拒绝公开的演示密码 (demo-password)"}})
def token(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    grant_type: Annotated[Literal["password", "refresh_token", "client_credentials"], Form()],
    username: FormStr = None,
    password: FormStr = None,
    refresh_token: FormStr = None,
    client_id: FormStr = None,
    client_secret: FormStr = None,
    scope: FormStr = None,
) -> TokenResponse | JSONResponse:
    """Issue tokens. A failed attempt is answered, not raised, so its throttle count is committed."""
    try:
        if grant_type == "password":
            if not username or not password:
                raise AppError("请填写用户名和密码", status=422, code="validation-error")
            pair = service.login_with_password(session, settings, username, password,
                                               getattr(request.state, "client_addr", None))
        elif grant_type == "refresh_token":
            if not refresh_token:
                raise AppError("缺少 refresh_token", status=422, code="validation-error")
            pair = service.refresh_tokens(session, settings, refresh_token)
        else:
            if not client_id or not client_secret:
                raise AppError("缺少 client_id 或 client_secret", status=422, code="validation-error")
            pair = service.login_client(session, settings, client_id, client_secret, scope)
    except service.LoginFailed as exc:
        exc.headers = {"WWW-Authenticate": "Bearer"}
        return answer(exc, request)
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
