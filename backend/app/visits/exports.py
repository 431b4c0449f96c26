"""The visits list as an Excel workbook (GET /api/visits/export.xlsx)."""

from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.authz.principal import Principal
from app.core import labels
from app.core.xlsx import Column, Rows, export
from app.records.exports import (
    REGION_ZH,
    TEXT,
    Names,
    enterprise_name,
    enterprise_uscc,
    id_column,
    label,
    review_columns,
)
from app.visits.schemas import VisitPublic

LEADER_LEVEL_ZH = labels.zh("leaderLevel")  # the catalogue's, as the SPA shows them


def columns(names: Names) -> list[Column[VisitPublic]]:
    return [
        id_column(),
        Column("走访日期", lambda v: v.visit_date, 11),
        Column("企业名称", enterprise_name, 30),
        Column("统一社会信用代码", enterprise_uscc, 20),
        Column("地区", lambda v: label(REGION_ZH, v.region)),
        Column("地点", lambda v: v.place),
        Column("带队领导级别", lambda v: label(LEADER_LEVEL_ZH, v.leader_level)),
        Column("带队领导", lambda v: v.leader_name),
        Column("参加人员", lambda v: v.participants, TEXT),
        Column("走访成效", lambda v: v.outcome, TEXT),
        Column("下一步工作", lambda v: v.next_step, TEXT),
        Column("关联线索编号", lambda v: v.lead_id),
        *review_columns(names),
    ]


def workbook(session: Session, principal: Principal, rows: Rows[VisitPublic]) -> StreamingResponse:
    return export(rows, title="走访记录", ascii_name="visits", columns=columns(Names.load(session)),
                  exported_by=principal.name, session=session)
