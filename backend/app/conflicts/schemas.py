from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from app.core.schemas import InputModel, Money

Kind = Literal["enterprise_multi_unit", "duplicate_project", "duplicate_enterprise"]


class ConflictRecord(BaseModel):
    record_type: Literal["project", "enterprise"]
    id: int
    unit_id: int | None
    unit_name: str | None
    name: str
    amount: Money | None = None


class ConflictPublic(BaseModel):
    key: str
    kind: Kind
    records: list[ConflictRecord]
    detected_reason: str
    decision: str | None = None
    decision_reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None


class ConflictsPublic(BaseModel):
    data: list[ConflictPublic]


class DecisionCreate(InputModel):
    key: Annotated[str, Field(min_length=1, max_length=200)]
    decision: Literal["not_a_conflict", "keep_first", "keep_second", "merged"]
    reason: Annotated[str, Field(min_length=1, max_length=1000)]
