"""Login, token issue and rotation, logout, client credentials, and token → principal."""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from app.auth.models import LoginThrottle, RefreshToken
from app.authz.principal import Principal
from app.clients.models import ApiClient
from app.core import jwt
from app.core.config import Settings
from app.core.errors import AppError, TooManyRequests, Unauthorized
from app.core.passwords import new_token, token_digest, verify_password
from app.core.time import utcnow
from app.users.models import User

IP_FAILURE_FACTOR = 10  # many staff share one office NAT address


class LoginFailed(AppError):
    """Raised for a bad login. The route turns it into a response so the throttle count still commits."""

    status, code = 401, "invalid-credentials"


@dataclass
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None


# ---- throttling -------------------------------------------------------------------------------

def _throttle_row(session: Session, key: str, now: datetime) -> LoginThrottle:
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_start=now)
        session.add(row)
    return row


def _check_locked(session: Session, keys: list[str], now: datetime) -> None:
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row and row.locked_until and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            raise TooManyRequests(f"登录失败次数过多，请 {wait} 秒后再试", headers={"Retry-After": str(wait)})


def _record_failure(session: Session, settings: Settings, keys: list[tuple[str, int]], now: datetime) -> None:
    window = timedelta(minutes=settings.login_lock_minutes)
    for key, limit in keys:
        row = _throttle_row(session, key, now)
        if now - row.window_start > window:
            row.failures, row.window_start = 0, now
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + window
            row.failures, row.window_start = 0, now
    session.flush()


def login_with_password(
    session: Session, settings: Settings, username: str, password: str, client_addr: str | None
) -> TokenPair:
    now = utcnow()
    name = username.strip().lower()
    user_key, ip_key = f"user:{name}"[:200], f"ip:{client_addr or '-'}"
    _check_locked(session, [user_key, ip_key], now)
    user = session.exec(select(User).where(User.username == name)).first()
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.active:
        _record_failure(session, settings, [(user_key, settings.login_max_failures),
                                            (ip_key, settings.login_max_failures * IP_FAILURE_FACTOR)], now)
        raise LoginFailed("用户名或密码错误，或账号已停用")
    throttle = session.get(LoginThrottle, user_key)
    if throttle:
        session.delete(throttle)
    user.last_login_at = now
    return _issue_user_tokens(session, settings, user, family=new_token(16))


# ---- user tokens --------------------------------------------------------------------------------

def _access_token(settings: Settings, claims: dict) -> tuple[str, int]:
    ttl = timedelta(minutes=settings.access_token_minutes)
    token, _ = jwt.encode(claims, secret=settings.secret_key.get_secret_value(), audience=settings.jwt_audience,
                          issuer=settings.jwt_issuer, ttl=ttl, token_type="access")
    return token, int(ttl.total_seconds())


def _issue_user_tokens(session: Session, settings: Settings, user: User, *, family: str) -> TokenPair:
    access, expires_in = _access_token(settings, {"sub": f"user:{user.id}", "sv": user.session_version})
    refresh = new_token(32)
    session.add(RefreshToken(user_id=user.id, family=family, token_hash=token_digest(refresh),
                             expires_at=utcnow() + timedelta(days=settings.refresh_token_days)))
    session.flush()
    return TokenPair(access_token=access, expires_in=expires_in, refresh_token=refresh)


def refresh_tokens(session: Session, settings: Settings, refresh_token: str) -> TokenPair:
    now = utcnow()
    row = session.exec(select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise Unauthorized("登录已失效，请重新登录")
    if row.used_at is not None:
        # Reuse of a rotated token: someone else holds a copy. End the whole family.
        revoke_family(session, row.family, now)
        raise LoginFailed("登录凭据已被使用过，为安全起见已注销该会话，请重新登录", code="refresh-reused")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise Unauthorized("账号已停用")
    row.used_at = now
    return _issue_user_tokens(session, settings, user, family=row.family)


def revoke_family(session: Session, family: str, now: datetime) -> None:
    session.execute(update(RefreshToken).where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=now))


def end_all_sessions(session: Session, user: User) -> None:
    """Logout and disabling both land here: refresh tokens die, and the bumped version kills access tokens."""
    session.execute(update(RefreshToken).where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=utcnow()))
    user.session_version += 1
    session.add(user)
    session.flush()


# ---- API clients ------------------------------------------------------------------------------------

def login_client(session: Session, settings: Settings, client_id: str, secret: str, scope: str | None) -> TokenPair:
    client = session.exec(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    expected = client.secret_hash if client else token_digest(new_token())
    if not hmac.compare_digest(expected, token_digest(secret)) or client is None \
            or not client.active or client.revoked_at is not None:
        raise LoginFailed("客户端编号或密钥错误，或已吊销", code="invalid-client")
    allowed = client.scope_set
    requested = frozenset(scope.split()) if scope else allowed
    if not requested <= allowed:
        raise AppError(f"客户端未被授予这些权限范围：{' '.join(sorted(requested - allowed))}",
                       status=400, code="invalid-scope")
    granted = " ".join(sorted(requested))
    client.last_used_at = utcnow()
    access, expires_in = _access_token(settings, {"sub": f"client:{client.id}", "scope": granted})
    return TokenPair(access_token=access, expires_in=expires_in, scope=granted)


# ---- every request ---------------------------------------------------------------------------------

def principal_from_access_token(session: Session, settings: Settings, token: str) -> Principal:
    try:
        claims = jwt.decode(token, secret=settings.secret_key.get_secret_value(), audience=settings.jwt_audience,
                            issuer=settings.jwt_issuer, token_type="access")
    except jwt.InvalidToken as exc:
        raise Unauthorized("登录已失效或凭据无效，请重新登录") from exc
    kind, _, raw_id = str(claims.get("sub", "")).partition(":")
    if not raw_id.isdigit():
        raise Unauthorized("凭据无效")
    if kind == "user":
        user = session.get(User, int(raw_id))
        if user is None or not user.active or claims.get("sv") != user.session_version:
            raise Unauthorized("登录已失效，请重新登录")
        return Principal(kind="user", id=user.id, name=user.username, role=user.role, unit_id=user.unit_id)
    if kind == "client":
        client = session.get(ApiClient, int(raw_id))
        if client is None or not client.active or client.revoked_at is not None:
            raise Unauthorized("客户端已吊销")
        scopes = frozenset(str(claims.get("scope", "")).split()) & client.scope_set
        return Principal(kind="client", id=client.id, name=client.client_id, unit_id=client.unit_id, scopes=scopes)
    raise Unauthorized("凭据无效")
