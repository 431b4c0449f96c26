"""GET /api/v1/visits/export.xlsx: the clerk's Excel copy of exactly what the visits list shows."""

import zipfile
from datetime import datetime
from io import BytesIO

import pytest

from app.core import xlsx
from tests.exports.helpers import cells, filenames, headers, list_all, open_export, records, sheet_xml

URL = "/api/v1/visits/export.xlsx"
EVIL = '=HYPERLINK("http://x","y")'
HEADERS = ["编号", "走访日期", "企业名称", "统一社会信用代码", "地区", "地点", "带队领导级别", "带队领导", "参加人员",
           "走访成效", "下一步工作", "关联线索编号", "录入单位", "状态", "录入人", "报送时间", "核实时间", "核实人",
           "退回原因", "创建时间", "更新时间"]


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国建材集团有限公司", uscc="91110000100000589B", is_fortune500=True)


def visit(client, headers, ent, **fields):
    body = {"enterprise_id": ent.id, "visit_date": "2019-05-06", "region": "jingjinji", **fields}
    response = client.post("/api/v1/visits", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def visits(client, token_for, ent, make_enterprise):
    """Four visits of 东昌府区 (one submitted) and one of 临清市."""
    dcf, linqing = token_for("dcf_editor"), token_for("linqing_editor")
    small = make_enterprise("聊城本地小微企业")
    made = [visit(client, dcf, ent, visit_date="2019-01-10", leader_level="county_leader", leader_name="张县长",
                  place="北京市海淀区", outcome="达成初步合作意向"),
            visit(client, dcf, ent, visit_date="2019-03-01", region="yangtze_delta", place="苏州工业园"),
            visit(client, dcf, small, visit_date="2019-12-31", region="other", outcome=EVIL),
            visit(client, dcf, small, visit_date="2019-03-01", region="pearl_delta")]
    assert client.post(f"/api/v1/visits/{made[0]['id']}/transitions", headers=dcf,
                       json={"action": "submit"}).status_code == 200
    made.append(visit(client, linqing, ent, visit_date="2019-02-02", place="临清的走访"))
    return made


def test_workbook_has_chinese_headers_labels_names_and_dates(client, token_for, visits, unit):
    response = client.get(URL, headers=token_for("dcf_editor"), params={"sort": "visit_date"})
    ws = open_export(response)
    assert ws.title == "走访记录" and ws["A1"].value.startswith("走访记录")
    assert headers(ws) == HEADERS
    assert ws.freeze_panes == "A3"  # title and header stay in view
    assert ws.auto_filter.ref == f"A2:U{2 + 4}"
    first = records(ws)[0]
    assert first["编号"] == visits[0]["id"]
    assert first["走访日期"] == datetime(2019, 1, 10) and cells(ws, "走访日期")[0].number_format == "yyyy-mm-dd"
    assert first["企业名称"] == "中国建材集团有限公司" and first["统一社会信用代码"] == "91110000100000589B"
    assert first["地区"] == "京津冀" and first["带队领导级别"] == "县级领导" and first["带队领导"] == "张县长"
    assert first["录入单位"] == unit("371502").name_zh == "东昌府区"
    assert first["状态"] == "已报送" and first["录入人"] == "dcf_editor"
    assert isinstance(first["报送时间"], datetime) and isinstance(first["创建时间"], datetime)
    assert [r["状态"] for r in records(ws)] == ["已报送", "草稿", "草稿", "草稿"]
    assert [r["地区"] for r in records(ws)] == ["京津冀", "长三角", "珠三角", "其他地区"]
    assert first["核实人"] is None and first["关联线索编号"] is None  # empty, not the text "None"


def test_download_is_named_in_chinese_with_an_ascii_fallback(client, token_for, visits):
    ascii_name, name = filenames(client.get(URL, headers=token_for("dcf_editor")))
    today = datetime.now(xlsx.CITY_TZ).strftime("%Y%m%d")
    assert name == f"走访记录_{today}.xlsx" and ascii_name == f"visits_{today}.xlsx"


@pytest.mark.parametrize("params", [
    {}, {"sort": "visit_date"}, {"region": "yangtze_delta"}, {"date_from": "2019-03-01", "date_to": "2019-12-31"},
    {"enterprise_class": "fortune500"}, {"q": "苏州"}, {"q": "小微", "sort": "-created_at"}, {"status": "submitted"},
    {"status": "verified"},
])
def test_rows_are_exactly_the_lists_rows_in_the_lists_order(client, token_for, visits, params):
    editor = token_for("dcf_editor")
    listed = list_all(client, "/api/v1/visits", editor, params)
    exported = records(open_export(client.get(URL, headers=editor, params=params)))
    assert [r["编号"] for r in exported] == [v["id"] for v in listed]
    assert [r["企业名称"] for r in exported] == [v["enterprise"]["name"] for v in listed]


def test_unit_editor_exports_only_their_units_rows_the_office_every_units(client, token_for, visits, unit):
    own = records(open_export(client.get(URL, headers=token_for("dcf_editor"))))
    assert sorted(r["编号"] for r in own) == sorted(v["id"] for v in visits[:4])
    assert {r["录入单位"] for r in own} == {"东昌府区"}
    linqing = records(open_export(client.get(URL, headers=token_for("linqing_editor"))))
    assert [r["编号"] for r in linqing] == [visits[4]["id"]] and linqing[0]["地点"] == "临清的走访"
    office = token_for("office")
    everything = records(open_export(client.get(URL, headers=office)))
    assert {v["id"] for v in visits} <= {r["编号"] for r in everything}
    by_unit = records(open_export(client.get(URL, headers=office, params={"unit_id": unit("371581").id})))
    assert [r["编号"] for r in by_unit] == [v["id"] for v in list_all(client, "/api/v1/visits", office,
                                                                       {"unit_id": unit("371581").id})]


def test_every_page_of_the_list_is_exported_once(client, token_for, visits, monkeypatch):
    monkeypatch.setattr(xlsx, "PAGE_SIZE", 2)  # five visits over three pages of the list's service
    office = token_for("office")
    exported = [r["编号"] for r in records(open_export(client.get(URL, headers=office)))]
    assert exported == [v["id"] for v in list_all(client, "/api/v1/visits", office)]
    assert len(exported) == len(set(exported))


def test_a_formula_typed_into_a_text_field_comes_back_as_text(client, token_for, visits):
    ws = open_export(client.get(URL, headers=token_for("dcf_editor"), params={"q": "小微", "region": "other"}))
    (cell,) = cells(ws, "走访成效")
    assert cell.value == EVIL and cell.data_type == "s" and cell.quotePrefix
    assert "<f>" not in sheet_xml(client.get(URL, headers=token_for("dcf_editor")))


def test_control_characters_and_lookalike_error_codes_do_not_break_the_file(client, token_for, ent):
    editor = token_for("dcf_editor")
    visit(client, editor, ent, place="#N/A", participants="张三\x07李四", leader_name="@某人", next_step="-再谈")
    (row,) = records(ws := open_export(client.get(URL, headers=editor)))
    assert row["地点"] == "#N/A" and cells(ws, "地点")[0].data_type == "s"
    assert row["参加人员"] == "张三李四"  # a bell cannot be stored in a workbook: dropped, the rest kept
    assert row["带队领导"] == "@某人" and row["下一步工作"] == "-再谈"


def test_export_takes_the_lists_filters_and_refuses_what_the_list_refuses(client, token_for, visits):
    editor = token_for("dcf_editor")
    for params in ({"sort": "outcome"}, {"region": "mars"}, {"date_from": "yesterday"}):
        listed = client.get("/api/v1/visits", headers=editor, params=params)
        exported = client.get(URL, headers=editor, params=params)
        assert listed.status_code == exported.status_code == 422, params
        assert exported.headers["content-type"].startswith("application/problem+json")
        assert exported.json()["errors"][0]["field"] == listed.json()["errors"][0]["field"]


def test_anonymous_is_401(client, visits):
    response = client.get(URL)
    assert response.status_code == 401 and response.headers["content-type"].startswith("application/problem+json")


def test_more_rows_than_the_cap_is_422_with_advice_to_narrow_the_filters(client, token_for, visits, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    editor = token_for("dcf_editor")
    refused = client.get(URL, headers=editor)  # four rows
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert body["type"] == "/problems/export-too-large" and body["total"] == 4 and body["max_rows"] == 3
    assert "缩小筛选范围" in body["detail"] and "request_id" in body
    assert "content-disposition" not in refused.headers
    narrowed = client.get(URL, headers=editor, params={"date_from": "2019-03-01"})  # three rows
    assert len(records(open_export(narrowed))) == 3


def test_rows_added_while_exporting_past_the_cap_are_refused_not_cut_short(client, token_for, ent, monkeypatch,
                                                                          caplog):
    """Counted first; if the pages then bring more than the cap (others were adding rows) once the file has
    begun, the stream is aborted: the client is left with a file that does not open, never a short one."""
    editor = token_for("dcf_editor")
    for day in range(1, 5):
        visit(client, editor, ent, visit_date=f"2019-06-0{day}")
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    monkeypatch.setattr(xlsx, "PAGE_SIZE", 2)
    real = xlsx.keyset_batches

    def undercounted(fetch, convert):
        def fetch_with_stale_total(cursor, limit, with_total):
            page = fetch(cursor, limit, with_total)
            if with_total:
                page.total = 3  # as if counted before the fourth visit arrived
            return page
        return real(fetch_with_stale_total, convert)

    monkeypatch.setattr(xlsx, "keyset_batches", undercounted)
    aborted = client.get(URL, headers=editor)
    assert aborted.status_code == 200 and aborted.content.startswith(b"PK")  # it had begun
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(BytesIO(aborted.content))
    assert "export aborted after 2 rows" in caplog.text
