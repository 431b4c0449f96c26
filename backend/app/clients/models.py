"""API clients: other government systems calling with OAuth2 client credentials."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.authz.roles import Scope as Scope
from app.core.models import Audited, created_at_field
from app.core.types import UTCDateTime


class ApiClient(Audited, SQLModel, table=True):
    __tablename__ = "api_client"
    __audit_redact__ = frozenset({"secret_hash"})

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=100)
    secret_hash: str = Field(max_length=64)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True,
                                description="None: city-wide")
    scopes: str = Field(default="", max_length=200, description="space-separated")
    active: bool = Field(default=True)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())
