"""The events list as an Excel workbook (GET /api/v1/events/export.xlsx)."""


from app.core import labels
from app.core.xlsx import Column
from app.events.schemas import EventPublic
from app.records.exports import REGION_ZH, TEXT, ExportSheet, Names, id_column, joined, label, review_columns

KIND_ZH = labels.zh("eventKind")  # the catalogue's, as the SPA shows them


def columns(names: Names) -> list[Column[EventPublic]]:
    return [
        id_column(),
        Column("活动日期", lambda e: e.event_date, 11),
        Column("活动名称", lambda e: e.title, 30),
        Column("活动类型", lambda e: label(KIND_ZH, e.kind)),
        Column("地区", lambda e: label(REGION_ZH, e.region)),
        Column("地点", lambda e: e.place),
        Column("到场企业数", lambda e: len(e.enterprises), 10),
        Column("到场企业", lambda e: joined(e.enterprises, lambda x: x.name), TEXT),
        Column("签约项目编号", lambda e: joined(e.signed_project_ids)),
        Column("活动说明", lambda e: e.description, TEXT),
        *review_columns(names, owner="主办单位"),
    ]


SHEET = ExportSheet("招商活动", "events", columns)
