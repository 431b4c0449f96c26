from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from app.core.schemas import Id, InputModel, Text1000

RecordType = Literal["visit", "event", "project", "funds_report"]


class QueueItem(BaseModel):
    record_type: RecordType
    id: int
    unit_id: int
    unit_name: str
    title: str
    submitted_at: datetime | None
    version: int
    created_by: str
    can_review: bool


class QueuePublic(BaseModel):
    data: list[QueueItem]
    counts: dict[str, int]
    next_cursor: str | None


class QueueUnit(BaseModel):
    unit_id: int
    unit_name: str
    counts: dict[str, int] = Field(description="各类记录待核实条数")
    total: int


class QueueUnitsPublic(BaseModel):
    data: list[QueueUnit] = Field(description="有待核实记录的单位，待核实最多的在前")


class BulkItem(InputModel):
    record_type: RecordType
    id: Id
    version: Annotated[int, Field(ge=1, le=2**31 - 1, description="清单中看到的版本号，记录已被改动则拒绝")]


class BulkRequest(InputModel):
    action: Literal["verify", "return"]
    reason: Text1000 | None = None
    items: Annotated[list[BulkItem], Field(min_length=1, max_length=200)]

    @model_validator(mode="after")
    def _reason(self) -> "BulkRequest":
        if self.action == "return" and not (self.reason and self.reason.strip()):
            raise ValueError("退回时必须填写原因")
        return self


class BulkResultItem(BaseModel):
    record_type: RecordType
    id: int
    status: str
    version: int


class BulkResult(BaseModel):
    action: str
    data: list[BulkResultItem]
