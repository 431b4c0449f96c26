"""People who log in. API clients of other systems live in app.clients."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.authz.roles import CITY_WIDE_ROLES as CITY_WIDE_ROLES
from app.authz.roles import UNIT_BOUND_ROLES as UNIT_BOUND_ROLES
from app.authz.roles import Role as Role
from app.core.models import Audited, created_at_field
from app.core.types import UTCDateTime


class User(Audited, SQLModel, table=True):
    __tablename__ = "app_user"
    __audit_redact__ = frozenset({"password_hash"})
    __audit_ignore__ = frozenset({"last_login_at"})  # signing in is in the sign-in log, not the history

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=100)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=20)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    active: bool = Field(default=True)
    email: str | None = Field(default=None, max_length=254, description="for notices by e-mail (optional)")
    session_version: int = Field(default=1, description="bumped to end every session of the user")
    created_at: datetime = created_at_field()
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
