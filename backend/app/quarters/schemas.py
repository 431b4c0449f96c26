from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from app.core.schemas import TWO_PLACES, Id, InputModel, OutputModel

Delta = Annotated[Decimal, Field(ge=Decimal("-99999999999999.99"), le=Decimal("99999999999999.99"), max_digits=16,
                                 decimal_places=2), AfterValidator(lambda v: v.quantize(TWO_PLACES))]


class QuarterClose(InputModel):
    year: Annotated[int, Field(ge=2000, le=2100)]
    quarter: Annotated[int, Field(ge=1, le=4)]
    target_set_id: Id | None = None


class AdjustmentCreate(InputModel):
    target_id: Id
    unit_id: Id | None = None
    delta: Delta
    reason: Annotated[str, Field(min_length=1, max_length=1000)]
    effective_on: date


class AdjustmentDecision(InputModel):
    decision: Literal["approve", "reject"]


class AdjustmentPublic(OutputModel):
    id: int
    snapshot_id: int
    target_id: int
    unit_id: int | None
    delta: Decimal
    reason: str
    effective_on: datetime
    proposed_by: str
    proposed_at: datetime
    status: str
    decided_by: str | None
    decided_at: datetime | None


class SnapshotSummary(OutputModel):
    id: int
    target_set_id: int
    year: int
    quarter: int
    rule_version_id: int
    content_hash: str
    frozen_by: str
    frozen_at: datetime


class SnapshotsPublic(OutputModel):
    data: list[SnapshotSummary]


class SnapshotPublic(SnapshotSummary):
    hash_ok: bool
    as_of: date
    rules: dict[str, Any]
    items: list[dict[str, Any]]
    adjustments: list[AdjustmentPublic]
