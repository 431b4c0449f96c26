"""The visits list as an Excel workbook (GET /api/v1/visits/export.xlsx)."""


from app.core import labels
from app.core.xlsx import Column
from app.records.exports import (
    REGION_ZH,
    TEXT,
    ExportSheet,
    Names,
    enterprise_record_head,
    label,
    review_columns,
)
from app.visits.schemas import VisitPublic

LEADER_LEVEL_ZH = labels.zh("leaderLevel")  # the catalogue's, as the SPA shows them


def columns(names: Names) -> list[Column[VisitPublic]]:
    return [
        *enterprise_record_head("走访日期", lambda v: v.visit_date),
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


SHEET = ExportSheet("走访记录", "visits", columns)
