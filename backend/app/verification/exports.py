"""The office's verification queue as an Excel workbook (GET /api/v1/verification/queue/export.xlsx)."""

from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.authz.principal import Principal
from app.core import labels
from app.core.xlsx import Column, Rows, export
from app.records.exports import label
from app.verification.schemas import QueueItem

RECORD_TYPE_ZH = labels.zh("entity")  # the records' tables as the audit log and the SPA name them


def columns() -> list[Column[QueueItem]]:
    return [
        Column("类型", lambda i: label(RECORD_TYPE_ZH, i.record_type), 9),
        Column("编号", lambda i: i.id, 8),
        Column("单位", lambda i: i.unit_name),
        Column("内容", lambda i: i.title, 50),
        Column("报送时间", lambda i: i.submitted_at, 17),
        Column("录入人", lambda i: i.created_by),
        Column("版本", lambda i: i.version, 6),
        Column("可由本人审核", lambda i: i.can_review),
    ]


def workbook(session: Session, principal: Principal, rows: Rows[QueueItem]) -> StreamingResponse:
    return export(rows, title="待核实清单", ascii_name="verification-queue", columns=columns(),
                  exported_by=principal.name, session=session)
