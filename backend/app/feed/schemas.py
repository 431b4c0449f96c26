from datetime import datetime
from typing import Any

from pydantic import Field

from app.core.schemas import OutputModel


class ChangePublic(OutputModel):
    id: int = Field(description="变更编号 (change id)")
    kind: str = Field(description="enterprise / lead / visit / event / project / funds_report")
    record_id: int
    action: str = Field(description="create / update / submit / withdraw / verify / return / reopen / merge / "
                                    "delete_draft …")
    version: int | None = Field(description="该变更写入的版本 (the record's version after this change)")
    at: datetime
    deleted: bool = Field(description="记录已不存在（墓碑）(a tombstone: the record is gone)")
    record: dict[str, Any] | None = Field(description="记录当前的公开形式 (the record's current public form)")


class ChangesPublic(OutputModel):
    data: list[ChangePublic]
    next_cursor: str | None = Field(description="下次从这里继续 (resume after the last change seen)")
    has_more: bool
