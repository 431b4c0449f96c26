"""Projects with credit shares and stage dates, money in every tolerated spelling, then funds reports naming
those projects by their 外部编号 or name."""

from datetime import date

from sqlmodel import select

from app.funds.models import FundsReport
from app.projects.models import Project, ProjectCredit
from tests.imports.conftest import ENT, checked, commit, messages, workbook

HEADER = ["外部编号", "项目名称", "企业", "总投资（万元）", "省外资金", "阶段", "在谈日期", "签约日期", "贡献份额"]
ROWS = [
    ["P-1", "新材料一期", ENT, "120,000", "80000万元", "签约", "2019.3.1", "2019年5月1日", "东昌府区 60%；临清市 40%"],
    ["P-2", " 新材料二期 ", ENT, "１２３４５", None, "在谈", date(2019, 4, 1), None, None],  # full-width digits
    ["P-3", "三期", ENT, "5000万元", None, "signed", None, "2019/6/1", "东昌府区:50；临清市:40"],  # 90%
    ["P-4", "四期", ENT, "-5", None, "在谈", None, None, None],
    ["P-5", "五期", ENT, "=100*2", None, "在谈", None, None, None],  # a formula without a cached value: not evaluated
    ["P-6", "六期", ENT, "abc", None, "在谈", None, None, "东昌府区 100%"],
    ["P-7", "七期", ENT, "100", "200", "在谈", None, None, None],  # a part above the total: the service refuses
]


def test_projects_with_credit_shares_and_stage_dates(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    batch = checked(client, editor, "projects", workbook(HEADER, ROWS))
    assert messages(batch) == [
        "第 4 行「贡献份额」：贡献份额合计应为 100%，现为 90.00%",
        "第 5 行「总投资（万元）」：不能为负数",
        "第 6 行「总投资（万元）」：必填",
        "第 7 行「总投资（万元）」：应为数字（金额以万元计，如 12,500 或 12500万元）",
    ]
    assert (batch["rows_valid"], batch["rows_invalid"]) == (3, 4)
    done = commit(client, editor, batch["id"])
    assert (done["rows_written"], done["rows_valid"], done["rows_invalid"]) == (2, 2, 5)
    assert messages(done)[-1] == "第 8 行「省外资金（万元）」：不能超过总投资"
    assert done["message"] == "写入时有 1 行被拒绝，见错误列表"
    one = db.exec(select(Project).where(Project.name == "新材料一期")).one()
    assert (one.total_investment, one.outside_province_investment, one.stage, one.signed_on) == (
        120000, 80000, "signed", date(2019, 5, 1))
    credits = db.exec(select(ProjectCredit).where(ProjectCredit.project_id == one.id)).all()
    assert sorted(c.share for c in credits) == [40, 60]
    two = db.exec(select(Project).where(Project.name == "新材料二期")).one()
    assert (two.total_investment, two.negotiating_on) == (12345, date(2019, 4, 1))

    again = commit(client, editor, checked(client, editor, "projects", workbook(HEADER, ROWS))["id"])
    assert (again["rows_written"], again["rows_unchanged"]) == (0, 2)

    reports = checked(client, editor, "funds-reports", workbook(
        ["外部编号", "项目", "报送月份", "到位资金（万元）"],
        [["F-1", "P-1", "2019年6月", "3,000万元"], ["F-2", "新材料一期", "2019.7", "1000"],
         ["F-3", "不存在的项目", "2019-07", "1"], ["F-4", "P-1", "2019-08", "0"]]))
    assert messages(reports) == ["第 4 行「项目」：本单位没有该项目（填写项目名称或其外部编号）",
                                 "第 5 行「到位资金（万元）」：应大于 0"]
    written = commit(client, editor, reports["id"])
    assert written["rows_written"] == 2
    rows = db.exec(select(FundsReport).where(FundsReport.project_id == one.id).order_by(FundsReport.period)).all()
    assert [(r.period, r.amount) for r in rows] == [(date(2019, 6, 1), 3000), (date(2019, 7, 1), 1000)]
