"""The projects list as an Excel workbook (GET /api/v1/projects/export.xlsx)."""


from app.core import labels
from app.core.xlsx import Column
from app.projects.rules import STAGE_ZH
from app.projects.schemas import ProjectPublic
from app.records.exports import TEXT, ExportSheet, Names, id_column, joined, label, review_columns

FOUR_NEW_ZH = labels.zh("fourNew")  # the catalogue's, as the SPA shows them
ADVANCED_ZH = labels.zh("advancedClass")  # the catalogue's, as the SPA shows them
MONEY = 16


def columns(names: Names) -> list[Column[ProjectPublic]]:
    return [
        id_column(),
        Column("项目名称", lambda p: p.name, 30),
        Column("企业", lambda p: joined(p.enterprises, lambda e: e.name), 30),
        Column("产业集群", lambda p: names.cluster(p.cluster_id)),
        Column("“四新”类别", lambda p: label(FOUR_NEW_ZH, p.four_new)),
        Column("先进制造业类别", lambda p: label(ADVANCED_ZH, p.advanced_class)),
        Column("总投资（万元）", lambda p: p.total_investment, MONEY),
        Column("省外资金（万元）", lambda p: p.outside_province_investment, MONEY),
        Column("外资（万元）", lambda p: p.foreign_investment, MONEY),
        Column("项目阶段", lambda p: label(STAGE_ZH, p.stage)),
        Column("在谈日期", lambda p: p.negotiating_on, 11),
        Column("签约日期", lambda p: p.signed_on, 11),
        Column("开工日期", lambda p: p.started_on, 11),
        Column("投产日期", lambda p: p.in_production_on, 11),
        Column("终止日期", lambda p: p.dropped_on, 11),
        Column("终止原因", lambda p: p.drop_reason or "", TEXT),
        Column("落地单位", lambda p: names.unit(p.landing_unit_id)),
        Column("招引贡献份额", lambda p: joined(p.credits, lambda c: f"{names.unit(c.unit_id)} {c.share:.2f}%"), 30),
        Column("到位资金累计（万元）", lambda p: p.funds_reported, MONEY),
        Column("其中已核实（万元）", lambda p: p.funds_verified, MONEY),
        Column("超额说明", lambda p: p.funds_override_reason or "", TEXT),
        Column("关联线索编号", lambda p: p.lead_id),
        Column("签约活动编号", lambda p: p.signed_event_id),
        *review_columns(names),
    ]


SHEET = ExportSheet("招商项目", "projects", columns)
