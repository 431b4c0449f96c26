"""The leads list as an Excel workbook (GET /api/v1/leads/export.xlsx)."""


from app.core import labels
from app.core.xlsx import Column
from app.leads.schemas import LeadPublic
from app.records.exports import TEXT, ExportSheet, Names, enterprise_record_head, label, timestamp_columns

SOURCE_ZH = labels.zh("leadSource")  # the catalogue's, as the SPA shows them
STATE_ZH = labels.zh("leadState")  # the catalogue's, as the SPA shows them


def columns(names: Names) -> list[Column[LeadPublic]]:
    return [
        *enterprise_record_head("收到日期", lambda r: r.received_on),
        Column("线索来源", lambda r: label(SOURCE_ZH, r.source)),
        Column("意向产业", lambda r: r.intended_industry),
        Column("意向投资额（万元）", lambda r: r.intended_amount, 16),
        Column("产业集群", lambda r: names.cluster(r.cluster_id)),
        Column("跟进状态", lambda r: label(STATE_ZH, r.state)),
        Column("录入单位", lambda r: names.unit(r.unit_id)),
        Column("分派单位", lambda r: names.unit(r.assigned_unit_id)),
        Column("联系人", lambda r: r.contact_name),
        Column("联系电话", lambda r: r.contact_phone, 15),
        Column("线索描述", lambda r: r.description, TEXT),
        Column("录入人", lambda r: r.created_by),
        *timestamp_columns(),
    ]


SHEET = ExportSheet("招商线索", "leads", columns)
