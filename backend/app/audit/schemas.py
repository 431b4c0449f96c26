import json
from datetime import datetime
from typing import Any

from pydantic import field_validator

from app.core.schemas import OutputModel


class AuditEventPublic(OutputModel):
    id: int
    at: datetime
    actor_type: str
    actor_id: int | None
    actor_name: str
    unit_id: int | None
    request_id: str | None
    client_addr: str | None
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    hash: str

    @field_validator("before", "after", mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class AuditEventsPublic(OutputModel):
    data: list[AuditEventPublic]
    next_cursor: str | None


class ChainReport(OutputModel):
    checked: int
    ok: bool
    problems: list[str]
