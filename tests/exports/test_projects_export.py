"""GET /api/v1/projects/export.xlsx: money exact, codes in Chinese, units by name, the list's rows and scope."""

from datetime import datetime
from decimal import Decimal

import pytest

from app.core import xlsx
from tests.exports.helpers import cells, filenames, headers, list_all, open_export, records, sheet_xml
from tests.projects.helpers import COUNTY, DEPT, GROUP, create_project, report

URL = "/api/v1/projects/export.xlsx"
HEADERS = ["编号", "项目名称", "企业", "产业集群", "“四新”类别", "先进制造业类别", "总投资（万元）",
           "省外资金（万元）", "外资（万元）", "项目阶段", "在谈日期", "签约日期", "开工日期", "投产日期", "终止日期",
           "终止原因", "落地单位", "招引贡献份额", "到位资金累计（万元）", "其中已核实（万元）", "超额说明",
           "关联线索编号", "签约活动编号", "录入单位", "状态", "录入人", "报送时间", "核实时间", "核实人", "退回原因",
           "创建时间", "更新时间"]


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国重汽集团有限公司", is_central_soe=True)


@pytest.fixture
def projects(client, token_for, ent, unit, make_enterprise):
    """The group's signed project landing in 东昌府区 (60/40 with the 经信委), one with awkward money, one
    still negotiating, and 临清市's own project that 东昌府区 may not see."""
    grp = token_for("grp01_editor")
    main = create_project(client, grp, ent, unit, total_investment="12345678901.23",
                          outside_province_investment="9.21", foreign_investment="0.10")
    assert main.status_code == 201, main.text
    odd = create_project(client, grp, make_enterprise("浙江吉利控股集团有限公司"), unit, name="@SUM(1)新能源汽车项目",
                         total_investment="80819.40", credits=[], four_new=None, advanced_class=None)
    assert odd.status_code == 201, odd.text
    early = create_project(client, grp, ent, unit, name="在谈的项目", stage="negotiating", signed_on=None,
                           negotiating_on="2019-02-01", total_investment="500", landing_unit_id=None)
    assert early.status_code == 201, early.text
    other = client.post("/api/v1/projects", headers=token_for("linqing_editor"), json={
        "name": "临清轴承项目", "enterprise_ids": [ent.id], "total_investment": "3000", "landing_unit_id":
        unit("371581").id})
    assert other.status_code == 201, other.text
    assert report(client, grp, main.json()["id"], "2019-06", "1000.50").status_code == 201
    return [main.json(), odd.json(), early.json(), other.json()]


def test_headers_labels_unit_names_and_dates(client, token_for, projects, unit):
    ws = open_export(client.get(URL, headers=token_for("grp01_editor"), params={"sort": "id"}))
    assert ws.title == "招商项目" and headers(ws) == HEADERS
    row = records(ws)[0]
    assert row["编号"] == projects[0]["id"] and row["项目名称"] == "重卡新能源零部件项目"
    assert row["企业"] == "中国重汽集团有限公司"
    assert row["“四新”类别"] == "新产业" and row["先进制造业类别"] == "高端装备"
    assert row["项目阶段"] == "签约" and row["状态"] == "草稿"
    assert row["签约日期"] == row["在谈日期"] == datetime(2019, 5, 20) and row["开工日期"] is None
    assert cells(ws, "签约日期")[0].number_format == "yyyy-mm-dd"
    assert row["落地单位"] == unit(COUNTY).name_zh == "东昌府区"
    assert row["录入单位"] == unit(GROUP).name_zh
    assert row["招引贡献份额"] == f"{unit(GROUP).name_zh} 60.00%、{unit(DEPT).name_zh} 40.00%"
    early = records(ws)[2]
    assert early["项目阶段"] == "在谈" and early["落地单位"] is None and early["签约日期"] is None
    ascii_name, name = filenames(client.get(URL, headers=token_for("grp01_editor")))
    assert name.startswith("招商项目_") and ascii_name.startswith("projects_") and name.endswith(".xlsx")


def test_money_cells_are_numbers_with_the_exact_digits(client, token_for, projects):
    response = client.get(URL, headers=token_for("grp01_editor"), params={"sort": "id"})
    ws = open_export(response)
    rows = records(ws)
    for header in ("总投资（万元）", "省外资金（万元）", "外资（万元）", "到位资金累计（万元）"):
        cell = cells(ws, header)[0]
        assert cell.data_type == "n" and cell.number_format == "#,##0.00", header
    assert Decimal(str(rows[0]["总投资（万元）"])) == Decimal("12345678901.23")
    assert Decimal(str(rows[0]["省外资金（万元）"])) == Decimal("9.21")
    assert Decimal(str(rows[0]["外资（万元）"])) == Decimal("0.1")
    assert Decimal(str(rows[0]["到位资金累计（万元）"])) == Decimal("1000.5")
    assert rows[0]["其中已核实（万元）"] == 0 and rows[1]["省外资金（万元）"] is None
    # in the file itself, the Decimal's own digits — not a float's 9.210000000000001 or 80819.39999999999
    xml = sheet_xml(response)
    for digits in ("12345678901.23", "9.21", "0.10", "1000.50", "80819.40"):
        assert f"<v>{digits}</v>" in xml, digits
    assert "9.210000000000001" not in xml and "80819.39999999999" not in xml


@pytest.mark.parametrize("who", ["grp01_editor", "dcf_editor", "jxw_editor", "linqing_editor", "office"])
@pytest.mark.parametrize("params", [{}, {"stage": "signed", "q": "重汽"},
                                    {"amount_min": "1000", "sort": "-total_investment"},
                                    {"credited_unit_id": "DEPT", "enterprise_class": "central_soe"}])
def test_each_unit_exports_exactly_the_projects_its_list_shows(client, token_for, projects, unit, who, params):
    if params.get("credited_unit_id") == "DEPT":
        params = {"credited_unit_id": unit(DEPT).id}
    headers = token_for(who)
    listed = list_all(client, "/api/v1/projects", headers, params)
    exported = records(open_export(client.get(URL, headers=headers, params=params)))
    assert [r["编号"] for r in exported] == [p["id"] for p in listed]
    assert [r["项目名称"] for r in exported] == [p["name"] for p in listed]


def test_unit_scope_the_landing_county_sees_the_groups_project_not_linqings(client, token_for, projects):
    names = {r["项目名称"] for r in records(open_export(client.get(URL, headers=token_for("dcf_editor"))))}
    assert "重卡新能源零部件项目" in names and "临清轴承项目" not in names
    linqing = records(open_export(client.get(URL, headers=token_for("linqing_editor"))))
    assert [r["项目名称"] for r in linqing] == ["临清轴承项目"]


def test_formula_like_project_name_is_text(client, token_for, projects):
    ws = open_export(client.get(URL, headers=token_for("grp01_editor"), params={"q": "SUM"}))
    (cell,) = cells(ws, "项目名称")
    assert cell.value == "@SUM(1)新能源汽车项目" and cell.data_type == "s" and cell.quotePrefix


def test_cap(client, token_for, projects, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    refused = client.get(URL, headers=token_for("grp01_editor"))
    assert refused.status_code == 422 and refused.json()["total"] == 3 and "缩小筛选范围" in refused.json()["detail"]
    assert open_export(client.get(URL, headers=token_for("grp01_editor"), params={"stage": "signed"}))


def test_anonymous_is_401(client, projects):
    assert client.get(URL).status_code == 401
