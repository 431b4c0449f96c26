"""Login, token issue and rotation, logout, client credentials, and token → principal."""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, Select, and_, bindparam, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.auth.models import LoginThrottle, RefreshToken, SignIn, TokenFamily
from app.authz.principal import Principal
from app.clients.models import ApiClient
from app.core import jwt
from app.core.config import Settings
from app.core.errors import AppError, TooManyRequests, Unauthorized
from app.core.models import pk
from app.core.passwords import DEMO_PASSWORD, new_token, token_digest, verify_password
from app.core.time import utcnow
from app.units.models import Unit
from app.users.models import User

IP_FAILURE_FACTOR = 10  # many staff share one office NAT address
UNIT_INACTIVE = "所在单位已停用，不能再登录或使用本系统；如有疑问请联系系统管理员"


DEMO_PASSWORD_REFUSED = ("该账号使用公开的演示密码，生产环境不允许登录：请管理员重置密码 "
                         "(the published demo password is refused in production)")


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


def _user_key(username: str) -> str:
    return f"user:{username}"[:200]


def _throttle_keys(settings: Settings, username: str, client_addr: str | None) -> list[tuple[str, int]]:
    """The counters a failed password attempt adds to: the account's, and (looser) the address's."""
    return [(_user_key(username), settings.login_max_failures),
            (f"ip:{client_addr or '-'}", settings.login_max_failures * IP_FAILURE_FACTOR)]


def check_password_throttled(session: Session, settings: Settings, username: str, password: str,
                             hashed: str | None, client_addr: str | None) -> bool:
    """Whether `password` matches `hashed`, counted against the login throttle: 429 while locked out,
    and a mismatch counts as a failed login (the caller must still commit it, see `LoginFailed`)."""
    now = utcnow()
    keys = _throttle_keys(settings, username, client_addr)
    _check_locked(session, [key for key, _ in keys], now)
    if verify_password(password, hashed):
        return True
    _record_failure(session, settings, keys, now)
    return False


def login_with_password(
    session: Session, settings: Settings, username: str, password: str, client_addr: str | None
) -> TokenPair:
    name = username.strip().lower()
    user = session.exec(select(User).where(User.username == name)).first()
    ok = check_password_throttled(session, settings, name, password, user.password_hash if user else None,
                                  client_addr)
    if not ok or user is None or not user.active:
        if ok:  # a disabled account: count it like a wrong password, so probing it is throttled too
            _record_failure(session, settings, _throttle_keys(settings, name, client_addr), utcnow())
        _log_sign_in(session, name, user, client_addr, succeeded=False)
        raise LoginFailed("用户名或密码错误，或账号已停用")
    ensure_unit_active(session, user.unit_id, LoginFailed)
    if settings.environment == "production" and hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode()):
        raise LoginFailed(DEMO_PASSWORD_REFUSED, status=403, code="demo-password")
    throttle = session.get(LoginThrottle, _user_key(name))
    if throttle:
        session.delete(throttle)
    user.last_login_at = utcnow()  # not in the audit history (User.__audit_ignore__): the sign-in log has it
    _log_sign_in(session, name, user, client_addr, succeeded=True)
    return _issue_user_tokens(session, settings, user, family=new_family(session, user))


def _log_sign_in(session: Session, username: str, user: User | None, client_addr: str | None, *,
                 succeeded: bool) -> None:
    session.add(SignIn(at=utcnow(), username=username[:100], user_id=user.id if user else None,
                       unit_id=user.unit_id if user else None, client_addr=(client_addr or "")[:64] or None,
                       succeeded=succeeded))


def ensure_unit_active(session: Session, unit_id: int | None, error: type[AppError] = Unauthorized) -> None:
    """Staff and clients of a deactivated unit may neither sign in nor keep working."""
    if unit_id is not None and not session.exec(select(Unit.active).where(Unit.id == unit_id)).first():
        raise error(UNIT_INACTIVE, status=401, code="unit-inactive")


# ---- user tokens --------------------------------------------------------------------------------

def _access_token(settings: Settings, claims: dict[str, Any]) -> tuple[str, int]:
    ttl = timedelta(minutes=settings.access_token_minutes)
    token, _ = jwt.encode(claims, secret=settings.secret_key.get_secret_value(), audience=settings.jwt_audience,
                          issuer=settings.jwt_issuer, ttl=ttl, token_type="access")
    return token, int(ttl.total_seconds())


def new_family(session: Session, user: User) -> str:
    """Starts a sign-in; its id goes into every token issued for it."""
    family = TokenFamily(id=new_token(16), user_id=pk(user))
    session.add(family)
    session.flush()
    return family.id


def user_access_token(settings: Settings, user: User, family: str) -> tuple[str, int]:
    return _access_token(settings, {"sub": f"user:{user.id}", "sv": user.session_version, "fam": family})


def _issue_user_tokens(session: Session, settings: Settings, user: User, *, family: str) -> TokenPair:
    access, expires_in = user_access_token(settings, user, family)
    refresh = new_token(32)
    session.add(RefreshToken(user_id=pk(user), family=family, token_hash=token_digest(refresh),
                             expires_at=utcnow() + timedelta(days=settings.refresh_token_days)))
    session.flush()
    return TokenPair(access_token=access, expires_in=expires_in, refresh_token=refresh)


def refresh_tokens(session: Session, settings: Settings, refresh_token: str) -> TokenPair:
    """Rotates a refresh token. Used once: of N parallel uses exactly one wins; any other use is a reuse.

    The family row is locked first, so the uses of one family queue behind each other, and the token is then
    taken with a conditional UPDATE (used_at IS NULL) whose row count says who won. A loser, or a later use of
    an already used token, means someone holds a copy: the whole family is revoked, the winner's new tokens too.
    """
    now = utcnow()
    row = session.exec(select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token))).first()
    if row is None:
        raise Unauthorized("登录已失效，请重新登录")
    family = session.exec(select(TokenFamily).where(TokenFamily.id == row.family).with_for_update()
                          .execution_options(populate_existing=True)).first()
    if family is None or family.revoked_at is not None or row.expires_at <= now:
        raise Unauthorized("登录已失效，请重新登录")
    taken: CursorResult[Any] = session.execute(update(RefreshToken)  # type: ignore[assignment]  # an UPDATE gives a CursorResult
                            .where(col(RefreshToken.id) == row.id, col(RefreshToken.used_at).is_(None),
                                   col(RefreshToken.revoked_at).is_(None))
                            .values(used_at=now).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        revoke_family(session, row.family, now)
        raise LoginFailed("登录凭据已被使用过，为安全起见已注销该会话，请重新登录", code="refresh-reused")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise Unauthorized("账号已停用")
    ensure_unit_active(session, user.unit_id)
    return _issue_user_tokens(session, settings, user, family=row.family)


def revoke_family(session: Session, family: str, now: datetime) -> None:
    """Ends one sign-in: its refresh tokens, and (through the family row) its access tokens."""
    session.execute(update(TokenFamily).where(col(TokenFamily.id) == family, col(TokenFamily.revoked_at).is_(None))
                    .values(revoked_at=now).execution_options(synchronize_session=False))
    session.execute(update(RefreshToken).where(col(RefreshToken.family) == family,
                                               col(RefreshToken.revoked_at).is_(None))
                    .values(revoked_at=now).execution_options(synchronize_session=False))


def end_all_sessions(session: Session, user: User) -> None:
    """Logout and disabling both land here: every family and refresh token is revoked, and the bumped
    version kills access tokens (including any minted without a refresh token)."""
    now = utcnow()
    session.execute(update(TokenFamily).where(col(TokenFamily.user_id) == user.id,
                                              col(TokenFamily.revoked_at).is_(None))
                    .values(revoked_at=now).execution_options(synchronize_session=False))
    session.execute(update(RefreshToken).where(col(RefreshToken.user_id) == user.id,
                                               col(RefreshToken.revoked_at).is_(None))
                    .values(revoked_at=now).execution_options(synchronize_session=False))
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
    ensure_unit_active(session, client.unit_id, LoginFailed)
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

# Built once: the columns a principal needs, not the whole account row (every request runs it; building the
# statement and loading an ORM object each time cost more than the indexed query itself).
_SIGNED_IN: Select[*tuple[Any, ...]] = (
    sa_select(col(User.id), col(User.username), col(User.role), col(User.unit_id), col(User.active),
           col(User.session_version), col(Unit.active).label("unit_active"), col(TokenFamily.revoked_at),
           col(TokenFamily.id).label("family_id"))
    .outerjoin(Unit, col(Unit.id) == col(User.unit_id))
    .outerjoin(TokenFamily, and_(col(TokenFamily.id) == bindparam("family"),
                                 col(TokenFamily.user_id) == col(User.id)))
    .where(col(User.id) == bindparam("user_id")))


def principal_from_access_token(session: Session, settings: Settings, token: str) -> Principal:
    """The one place a token becomes a principal: one indexed query checks the account, its unit and (for
    people) the token's sign-in family, so logout, a reused refresh token or a deactivated unit end it at once."""
    try:
        claims = jwt.decode(token, secret=settings.secret_key.get_secret_value(), audience=settings.jwt_audience,
                            issuer=settings.jwt_issuer, token_type="access")
    except jwt.InvalidToken as exc:
        raise Unauthorized("登录已失效或凭据无效，请重新登录") from exc
    kind, _, raw_id = str(claims.get("sub", "")).partition(":")
    if not raw_id.isascii() or not raw_id.isdigit() or len(raw_id) > 18:
        raise Unauthorized("凭据无效")
    if kind == "user":
        family = claims.get("fam")
        if not isinstance(family, str):
            raise Unauthorized("登录已失效，请重新登录")
        found = session.connection().execute(_SIGNED_IN, {"user_id": int(raw_id), "family": family}).first()
        if found is None:
            raise Unauthorized("登录已失效，请重新登录")
        if not found.active or claims.get("sv") != found.session_version or found.family_id is None \
                or found.revoked_at is not None:
            raise Unauthorized("登录已失效，请重新登录")
        if found.unit_id is not None and not found.unit_active:
            raise Unauthorized(UNIT_INACTIVE, code="unit-inactive")
        return Principal(kind="user", id=found.id, name=found.username, role=found.role, unit_id=found.unit_id)
    if kind == "client":
        found = session.execute(select(ApiClient, col(Unit.active))
                                .outerjoin(Unit, col(Unit.id) == col(ApiClient.unit_id))
                                .where(ApiClient.id == int(raw_id))).first()
        if found is None or not found[0].active or found[0].revoked_at is not None:
            raise Unauthorized("客户端已吊销")
        client, unit_active = found
        if client.unit_id is not None and not unit_active:
            raise Unauthorized(UNIT_INACTIVE, code="unit-inactive")
        scopes = frozenset(str(claims.get("scope", "")).split()) & client.scope_set
        return Principal(kind="client", id=client.id, name=client.client_id, unit_id=client.unit_id, scopes=scopes)
    raise Unauthorized("凭据无效")
