"""The projects list as an Excel workbook (GET /api/projects/export.xlsx)."""

from app.core.xlsx import Column
from app.projects.models import AdvancedClass, FourNew
from app.projects.rules import STAGE_ZH
from app.projects.schemas import ProjectPublic
from app.records.exports import TEXT, ExportSheet, Names, id_column, joined, label, review_columns

FOUR_NEW_ZH = {FourNew.new_technology: "新技术", FourNew.new_industry: "新产业",
               FourNew.new_business_format: "新业态", FourNew.new_model: "新模式"}
ADVANCED_ZH = {AdvancedClass.new_generation_it: "新一代信息技术", AdvancedClass.high_end_equipment: "高端装备",
               AdvancedClass.new_energy_materials: "新能源新材料", AdvancedClass.medical_health: "医养健康",
               AdvancedClass.other_advanced: "其他先进制造业/战略性新兴产业"}
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
