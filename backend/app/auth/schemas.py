from pydantic import BaseModel

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
