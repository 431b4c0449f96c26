"""Suspected double claims as an Excel workbook (GET /api/v1/conflicts/export.xlsx), one row per pair."""

from typing import Any

from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.authz.principal import Principal
from app.conflicts.schemas import ConflictPublic, ConflictRecord
from app.core import labels
from app.core.xlsx import Column, Rows, export
from app.records.exports import TEXT, label

KIND_ZH = labels.zh("conflictKind")  # the catalogue's, as the SPA shows them
DECISION_ZH = labels.zh("conflictDecision")
RECORD_ZH = labels.zh("recordKind")


def _record(c: ConflictPublic, n: int) -> ConflictRecord | None:
    return c.records[n] if len(c.records) > n else None


def _side(n: int, title: str) -> list[Column[ConflictPublic]]:
    def get(c: ConflictPublic, attr: str) -> Any:
        r = _record(c, n)
        return None if r is None else getattr(r, attr)

    return [
        Column(f"{title}类型", lambda c: label(RECORD_ZH, get(c, "record_type"))),
        Column(f"{title}编号", lambda c: get(c, "id"), 8),
        Column(f"{title}名称", lambda c: get(c, "name") or "", 30),
        Column(f"{title}单位", lambda c: get(c, "unit_name") or ""),
        Column(f"{title}金额（万元）", lambda c: get(c, "amount"), 16),
    ]


def columns() -> list[Column[ConflictPublic]]:
    return [
        Column("冲突类型", lambda c: label(KIND_ZH, c.kind)),
        *_side(0, "记录 A"),
        *_side(1, "记录 B"),
        Column("检测原因", lambda c: c.detected_reason, TEXT),
        Column("处理决定", lambda c: label(DECISION_ZH, c.decision) or "未处理"),
        Column("处理原因", lambda c: c.decision_reason or "", TEXT),
        Column("处理人", lambda c: c.decided_by or ""),
        Column("处理时间", lambda c: c.decided_at, 17),
        Column("冲突标识", lambda c: c.key, 30),
    ]


def workbook(session: Session, principal: Principal, rows: Rows[ConflictPublic]) -> StreamingResponse:
    return export(rows, title="疑似重复申报", ascii_name="conflicts", columns=columns(),
                  exported_by=principal.name, session=session)
