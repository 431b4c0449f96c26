"""Refresh tokens, login throttling state and the sign-in log."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.core.models import created_at_field
from app.core.types import UTCDateTime


class TokenFamily(SQLModel, table=True):
    """One sign-in: the refresh tokens rotated from it and the access tokens issued with them (claim `fam`).

    Revoking it (logout, a reused refresh token) ends all of them at once; access tokens are checked
    against it on every request, so they stop working at once rather than when they expire.
    """

    __tablename__ = "token_family"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RefreshToken(SQLModel, table=True):
    """A refresh token, stored as its digest. Used once: each refresh rotates to a new one in the family.

    Presenting a token that was already used revokes the whole family, since someone copied it.
    """

    __tablename__ = "refresh_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    family: str = Field(max_length=64, index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginThrottle(SQLModel, table=True):
    """Failed logins per key ("user:<name>" and "ip:<addr>"); kept in the database so it holds across workers."""

    __tablename__ = "login_throttle"

    key: str = Field(primary_key=True, max_length=200)
    failures: int = Field(default=0)
    window_start: datetime = Field(sa_type=UTCDateTime)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SignIn(SQLModel, table=True):
    """One password sign-in attempt: who, from where, whether it worked. A log of its own, not the audit history:
    signing in changes no record, and a row per login there drowned the changes the office looks for."""

    __tablename__ = "sign_in"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    username: str = Field(max_length=100, index=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="SET NULL")
    client_addr: str | None = Field(default=None, max_length=64)
    succeeded: bool
