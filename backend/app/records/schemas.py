"""Pieces shared by the record schemas: metadata, list answers, the transition request."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Literal, Self

from fastapi import Query
from pydantic import BaseModel, Field, model_validator

from app.core.openapi_spec import Problem
from app.core.schemas import Id, InputModel, OutputModel, Text1000
from app.records.external import ExternalId
from app.records.models import Status

BATCH_MAX = 500  # items in one batch upsert


class ExternalIdIn(InputModel):
    """A record's create and update bodies take the sender's own id (`records.external`)."""

    external_id: ExternalId | None = None


class ExternalIdOut(OutputModel):
    external_id: str | None = Field(default=None, description="外部系统的编号（未设置为空）")
    external_source: str | None = Field(default=None, description="外部编号所属来源：client:<接口客户端编号> 或 "
                                        "unit:<单位编号>（人员录入时为其单位）")


class RecordMeta(ExternalIdOut):
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
    reason: Text1000 | None = None


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


class BatchRequest(InputModel):
    """`POST /{kind}/batch`: the router factory adds `items` of the kind's own item type (its create fields and a
    required `external_id`). An external id may appear once in a batch."""

    atomic: bool = Field(default=False, description="为 true 时全部成功才写入：任一条出错则整批不写入（返回错误）")
    submit: bool = Field(default=False, description="为 true 时把本次新建或修改的记录一并报送（仅需核实的记录类型）")

    @model_validator(mode="after")
    def _distinct_external_ids(self) -> Self:
        counts = Counter(item.external_id for item in getattr(self, "items", []))
        if repeated := [key for key, n in counts.items() if n > 1]:
            raise ValueError(f"同一批中外部编号不能重复：{'、'.join(repeated[:5])}")
        return self


BatchOutcome = Literal["created", "updated", "unchanged", "error"]


class BatchItemResult(OutputModel):
    index: int = Field(description="该条在请求 items 中的位置（从 0 起）")
    external_id: str
    outcome: BatchOutcome = Field(description="created 新建 / updated 修改 / unchanged 无变化（未写入）/ error 出错")
    id: int | None = Field(default=None, description="记录编号（出错且记录不存在时为空）")
    version: int | None = Field(default=None, description="记录当前版本（即 ETag）")
    problem: Problem | None = Field(default=None, description="出错时的问题详情（RFC 9457）")


class BatchResult(OutputModel):
    items: list[BatchItemResult] = Field(description="与请求 items 一一对应，顺序相同")
    created: int
    updated: int
    unchanged: int
    errors: int
