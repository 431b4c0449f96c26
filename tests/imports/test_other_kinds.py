"""Enterprises match by USCC or normalised name; leads and events; the templates of every kind."""

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import func, select

from app.enterprises.models import Enterprise
from app.events.models import Event
from app.leads.models import Lead
from tests.imports.conftest import ENT, ENT_USCC, checked, commit, messages, workbook

KINDS = ["enterprises", "leads", "visits", "events", "projects", "funds-reports"]


def test_enterprises_match_by_uscc_or_normalised_name(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    rows = [
        ["聊城新创科技有限公司", None, "软件", "是", "否", "中国"],  # new
        ["山东示例新材料（有限）公司", None, "新材料", None, None, None],  # the same company by its normalised name
        ["另一个名字", ENT_USCC, "新材料", None, None, None],  # the same company by its USCC
        ["X", None, None, "也许", None, None],
    ]
    content = workbook(["企业名称", "统一社会信用代码", "行业", "上市公司", "央企", "国家"], rows)
    batch = checked(client, editor, "enterprises", content)
    assert messages(batch) == ["第 5 行「上市公司」：应填“是”或“否”", "第 5 行「企业名称」：长度不能少于 2 个字符"]
    done = commit(client, editor, batch["id"])
    assert done["errors"][2:] == []
    assert (done["rows_written"], done["rows_unchanged"]) == (2, 1)  # one new, one updated (industry), one same
    new = db.exec(select(Enterprise).where(Enterprise.name == "聊城新创科技有限公司")).one()
    assert (new.industry, new.is_listed, new.is_central_soe) == ("软件", True, False)
    db.refresh(ent)
    assert (ent.name, ent.industry) == (ENT, "新材料")
    again = commit(client, editor, checked(client, editor, "enterprises", content)["id"])
    assert (again["rows_written"], again["rows_unchanged"]) == (0, 3)


def test_leads_and_events(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    leads = checked(client, editor, "leads", workbook(
        ["企业", "线索来源", "获取日期", "意向投资额（万元）", "产业集群", "联系电话"],
        [[ENT, "商会", "2019.5.1", "5,000", "新材料", "0635-8888888"], [ENT, "路边", "2019.5.1", None, "无", "电话"]]))
    assert messages(leads) == ["第 3 行「线索来源」：应为下列之一：商会、中介机构、聊城籍在外人员、骨干企业、"
                               "自主研究、其他",
                               "第 3 行「产业集群」：产业集群不存在（请从下拉列表选择）",
                               "第 3 行「联系电话」：格式不正确"]
    before = db.exec(select(func.count()).select_from(Lead)).one()
    assert commit(client, editor, leads["id"])["rows_written"] == 1
    assert db.exec(select(func.count()).select_from(Lead)).one() == before + 1

    events = checked(client, editor, "events", workbook(
        ["活动类型", "活动名称", "活动日期", "地区", "企业"],
        [["产业专题推介活动", "推介会", "2019年5月1日", "京津冀", f"{ENT}、{ENT_USCC}"]]))
    assert events["errors"] == []
    assert commit(client, editor, events["id"])["rows_written"] == 1
    assert db.exec(select(Event).where(Event.title == "推介会")).one().kind == "promotion"


@pytest.mark.parametrize("kind", KINDS)
def test_templates_have_commented_headers_drop_downs_an_example_and_the_codes(client, token_for, kind):
    response = client.get(f"/api/v1/imports/templates/{kind}", headers=token_for("dcf_viewer"))
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet, codes = book.worksheets
    assert codes.title == "代码"
    headers = [c.value for c in sheet[1]]
    assert all(c.comment is not None and c.comment.text for c in sheet[1])
    assert any(v is not None for v in (c.value for c in sheet[2]))  # the example row
    if kind != "enterprises":
        assert headers[0] == "外部编号" and "单位" in headers
        assert sheet.data_validations.dataValidation  # units at least
        assert "东昌府区" in {c.value for row in codes.iter_rows() for c in row}


def test_a_filled_in_template_imports_without_its_example_row(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    template = client.get("/api/v1/imports/templates/visits", headers=editor).content
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {"企业*": ENT, "走访日期*": "2019-05-09", "地区*": "长三角", "单位": "东昌府区"}
    sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    batch = checked(client, editor, "visits", out.getvalue())
    assert (batch["rows_total"], batch["errors"], batch["unknown_columns"]) == (1, [], [])
