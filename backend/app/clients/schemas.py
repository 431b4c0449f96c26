from datetime import datetime
from typing import Annotated

from pydantic import Field, field_serializer

from app.clients.models import Scope
from app.core.schemas import Id, InputModel, OutputModel


class ApiClientCreate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    unit_id: Id | None = Field(default=None, description="留空表示全市范围 (city-wide)")
    scopes: Annotated[list[Scope], Field(min_length=1, max_length=len(Scope))]


class ApiClientPublic(OutputModel):
    id: int
    client_id: str
    name: str
    unit_id: int | None
    scopes: str
    active: bool
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    @field_serializer("scopes")
    def _scopes(self, value: str) -> list[str]:
        return value.split()


class ApiClientCreated(ApiClientPublic):
    client_secret: str = Field(description="只显示这一次，请立即保存 (shown once)")


class ApiClientsPublic(OutputModel):
    data: list[ApiClientPublic]
