from datetime import datetime

from pydantic import BaseModel, Field

from app.core.schemas import OutputModel


class TokenResponse(BaseModel):
    """RFC 6749 token response."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None


class UnitBrief(OutputModel):
    id: int
    code: str
    type: str
    name_zh: str
    name_en: str


class MePublic(BaseModel):
    kind: str
    id: int | None
    name: str
    display_name: str
    role: str | None
    unit: UnitBrief | None
    scopes: list[str]
    permissions: list[str]


class SignInPublic(OutputModel):
    id: int
    at: datetime
    username: str
    user_id: int | None
    unit_id: int | None
    client_addr: str | None
    succeeded: bool


class SignInsPublic(BaseModel):
    data: list[SignInPublic]
    next_cursor: str | None = Field(description="下一页游标（最后一条的 id）；没有更多时为 null")
