import unicodedata
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.schemas import Id, InputModel, OutputModel
from app.users.models import Role

Username = Annotated[str, Field(min_length=3, max_length=64, pattern=r"^[a-z0-9_.-]+$")]


def _no_control_characters(value: str) -> str:
    """A control character (tab, newline, NUL…) cannot be typed at the login form, and some stacks cut or
    mangle it: such a password could lock its owner out."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("密码不能包含控制字符（如换行、制表符）")
    return value


Password = Annotated[str, Field(min_length=10, max_length=128), AfterValidator(_no_control_characters)]
DisplayName = Annotated[str, Field(min_length=1, max_length=100)]


class UserCreate(InputModel):
    username: Username
    display_name: DisplayName
    password: Password
    role: Role
    unit_id: Id | None = None


class UserUpdate(InputModel):
    display_name: DisplayName | None = None
    role: Role | None = None
    unit_id: Id | None = None
    active: bool | None = None
    password: Password | None = None


class PasswordChange(InputModel):
    current_password: Annotated[str, Field(min_length=1, max_length=128)]
    new_password: Password


class UserPublic(OutputModel):
    id: int
    username: str
    display_name: str
    role: Role
    unit_id: int | None
    active: bool
    created_at: datetime
    last_login_at: datetime | None


class UsersPublic(OutputModel):
    data: list[UserPublic]
    count: int


class UserNamePublic(OutputModel):
    username: str
    display_name: str


class UserNamesPublic(OutputModel):
    data: list[UserNamePublic]
