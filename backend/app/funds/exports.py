"""The funds reports list as an Excel workbook (GET /api/v1/funds-reports/export.xlsx)."""

from app.core.xlsx import Column
from app.funds.schemas import FundsReportPublic
from app.records.exports import TEXT, ExportSheet, Names, id_column, review_columns

MONEY = 16


def columns(names: Names) -> list[Column[FundsReportPublic]]:
    return [
        id_column(),
        Column("报送月份", lambda r: r.period, 10, number_format="yyyy-mm"),
        Column("项目编号", lambda r: r.project_id, 9),
        Column("项目名称", lambda r: r.project_name or "", 30),
        Column("本月到位资金（万元）", lambda r: r.amount, MONEY),
        Column("说明", lambda r: r.note, TEXT),
        Column("项目总投资（万元）", lambda r: r.project_total_investment, MONEY),
        Column("项目到位资金累计（万元）", lambda r: r.project_funds_reported, MONEY),
        *review_columns(names, owner="报送单位"),
    ]


SHEET = ExportSheet("到位资金", "funds-reports", columns)
