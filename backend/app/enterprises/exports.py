"""The enterprise library as an Excel workbook (GET /api/v1/enterprises/export.xlsx)."""


from app.core import labels
from app.core.typing import attribute
from app.core.xlsx import Column
from app.enterprises.classes import CLASS_COLUMNS
from app.enterprises.schemas import EnterprisePublic
from app.records.exports import TEXT, ExportSheet, Names, id_column, joined, label, timestamp_columns

CLASS_ZH = labels.zh("enterpriseClass")  # the catalogue's, as the SPA shows them


def classes(e: EnterprisePublic) -> str:
    return joined(label(CLASS_ZH, name) for name, column in CLASS_COLUMNS.items() if getattr(e, attribute(column).key))


def columns(_: Names) -> list[Column[EnterprisePublic]]:
    return [
        id_column(),
        Column("企业名称", lambda e: e.name, 30),
        Column("统一社会信用代码", lambda e: e.uscc or "", 20),
        Column("曾用名", lambda e: joined(e.former_names), 30),
        Column("国家", lambda e: e.country),
        Column("省份", lambda e: e.province),
        Column("城市", lambda e: e.city),
        Column("行业", lambda e: e.industry),
        Column("企业类别", classes, 30),
        Column("中国500强榜单", lambda e: e.china500_list or ""),
        Column("上榜年份", lambda e: e.china500_year),
        Column("已合并到企业编号", lambda e: e.merged_into_id),
        Column("合并原因", lambda e: e.merge_reason or "", TEXT),
        Column("代码校验说明", lambda e: e.uscc_override_reason or "", TEXT),
        Column("待核实的类别变更", lambda e: "是" if e.proposed_classes else ""),
        *timestamp_columns(),
    ]


SHEET = ExportSheet("企业库", "enterprises", columns)
