from datetime import datetime

from pydantic import Field

from app.core.schemas import InputModel, OutputModel
from app.imports.models import ImportKind, ImportStatus
from app.records.schemas import ListMeta


class ImportCommit(InputModel):
    all_or_nothing: bool = Field(default=False, description="true：有任何一行不合格则一行也不写入")


class ImportRowError(OutputModel):
    row: int = Field(description="工作表中的行号（表头为第 1 行）；0 为整个文件")
    column: str | None = Field(description="表头名称；整行的问题为 null")
    message: str = Field(description="如：第 12 行「总投资（万元）」：不能为负数")


class ImportPublic(OutputModel):
    id: int
    kind: ImportKind
    file_name: str
    status: ImportStatus
    rows_total: int
    rows_checked: int
    rows_valid: int
    rows_invalid: int
    rows_written: int
    rows_unchanged: int
    errors: list[ImportRowError] = Field(description="前 500 条")
    unknown_columns: list[str] = Field(description="未识别、已忽略的列")
    all_or_nothing: bool | None
    unit_id: int | None
    created_by: str
    created_at: datetime
    finished_at: datetime | None
    has_marked_copy: bool
    message: str | None


class ImportsPublic(ListMeta, OutputModel):
    data: list[ImportPublic]
