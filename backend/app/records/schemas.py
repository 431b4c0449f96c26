"""Pieces shared by the record schemas: metadata, list answers, the transition request."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BaseModel, Field

from app.core.schemas import Id, InputModel, OutputModel
from app.records.models import Status


class RecordMeta(OutputModel):
    id: int
    unit_id: int
    version: int
    created_by: str
    created_at: datetime
    updated_at: datetime


class VerifiedMeta(RecordMeta):
    status: Status
    submitted_at: datetime | None
    verified_at: datetime | None
    verified_by: str | None
    return_reason: str | None


class EnterpriseRef(OutputModel):
    id: int
    name: str
    uscc: str | None = None


class TransitionRequest(InputModel):
    action: Literal["submit", "withdraw", "verify", "return", "reopen"]
    reason: Annotated[str, Field(max_length=1000)] | None = None


Cursor = Annotated[str | None, Query(max_length=500, description="上一页返回的 next_cursor")]
Limit = Annotated[int, Query(ge=1, le=200, description="每页条数，最多 200")]
WithTotal = Annotated[bool, Query(description="同时返回符合条件的总数")]
SearchText = Annotated[str | None, Query(max_length=100, description="名称等文本搜索")]
DateFrom = Annotated[date | None, Query(description="起始日期（含）")]
DateTo = Annotated[date | None, Query(description="截止日期（含）")]
UnitFilter = Annotated[Id | None, Query(description="单位")]


@dataclass
class Paging:
    """A list's paging parameters. A list's query is `class XQuery(Paging, XFilters)`: the filters (shared with
    the list's Excel export), then these."""

    cursor: Cursor = None
    limit: Limit = 50
    with_total: WithTotal = False


class ListMeta(BaseModel):
    next_cursor: str | None
    total: int | None = Field(default=None, description="符合条件的总数（with_total=true 时）；"
                              "total_is_estimate 为 true 时表示“多于此数”，只计到上限为止")
    total_is_estimate: bool = Field(default=False, description="总数超过计数上限（10,000）时为 true：total 是下限")
