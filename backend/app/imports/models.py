"""An import batch (its file, counters and findings), its files, and the ledger that makes importing twice a no-op.

Not audited themselves: the records an import writes are, and their history names the batch."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.time import utcnow
from app.core.types import UTCDateTime


class ImportStatus(StrEnum):
    checking = "checking"
    checked = "checked"
    writing = "writing"
    done = "done"
    failed = "failed"


class ImportKind(StrEnum):
    """The record kinds an import writes, by their URL segment."""

    enterprises = "enterprises"
    leads = "leads"
    visits = "visits"
    events = "events"
    projects = "projects"
    funds_reports = "funds-reports"


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"
    __table_args__ = (Index("ix_import_batch_unit_id", "unit_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    file_name: str = Field(max_length=200)
    status: str = Field(default=ImportStatus.checking, max_length=10)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", description="the unit the rows go to by default")
    created_by_id: int = Field(foreign_key="app_user.id")
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    rows_total: int = 0
    rows_checked: int = 0
    rows_valid: int = 0
    rows_invalid: int = 0
    rows_written: int = 0
    rows_unchanged: int = 0
    errors: str = Field(default="[]", sa_type=Text, description="JSON: the first 500 {row, column, message}")
    unknown_columns: str = Field(default="[]", sa_type=Text, description="JSON list of header names")
    all_or_nothing: bool | None = None
    has_marked_copy: bool = False
    message: str | None = Field(default=None, max_length=1000)


class ImportFile(SQLModel, table=True):
    """The uploaded workbook, its marked copy and the rows its dry run found valid (zlib-compressed JSON, what the
    commit writes), kept in the database so a worker elsewhere reads them."""

    __tablename__ = "import_file"

    import_id: int = Field(foreign_key="import_batch.id", primary_key=True, ondelete="CASCADE")
    role: str = Field(max_length=10, primary_key=True, description="upload / marked / rows (the dry run's valid rows)")
    content: bytes = Field(sa_type=LargeBinary)


class ImportLedger(SQLModel, table=True):
    """Which record a row of an import became: (kind, owner unit, row key) → record. The row key is the row's
    外部编号, or a hash of its normalised values, so the same file imported twice finds its records again."""

    __tablename__ = "import_ledger"
    __table_args__ = (UniqueConstraint("kind", "unit_id", "row_key", name="uq_import_ledger_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    unit_id: int = Field(foreign_key="unit.id")
    row_key: str = Field(max_length=100)
    record_id: int
    import_id: int = Field(foreign_key="import_batch.id")
    row_hash: str = Field(default="", max_length=64, description="the row's values when last imported: the same "
                          "values again are unchanged without reading the record")
