"""The dispatch report (调度通报): the workbook's number formats and print setup, and the PDF with the same figures."""

import os
import shutil
import subprocess
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.quarters import report_pdf
from tests.progress.test_quarters import close

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
SHEETS = ["汇总", "排名-县区和开发区", "排名-产业团组", "排名-市直部门", "排名-商会", "未达进度单位", "明细", "调整",
          "说明"]


@pytest.fixture
def quarter(world, client, token_for):
    """2019 Q4 closed with 47 visits of 东昌府区 (T14: 47 of 100), a signed 四新 project and funds in place."""
    for n in range(47):
        world.visit("371502", date(2019, 3 + n % 9, 1 + n % 27))
    world.project("GRP-01", "123456.78", landing="371502", credits={"GRP-01": "100"}, signed_on=date(2019, 5, 1),
                  started_on=date(2019, 6, 1), four_new="new_technology")
    world.done()
    response = close(client, token_for)
    assert response.status_code == 201
    return response.json()["id"]


def shown(value, number_format):
    """A cell as Excel shows it, for the formats the report uses."""
    if value is None or isinstance(value, str):
        return value or ""
    number = Decimal(str(value))
    if number_format == "0.0%":
        return f"{(number * 100).quantize(Decimal('0.1'), ROUND_HALF_UP):,.1f}%"
    places = {"#,##0": 0, "#,##0.00": 2}[number_format]
    return f"{number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,.{places}f}"


def workbook(client, token_for, sid):
    response = client.get(f"/api/v1/quarters/{sid}/report.xlsx", headers=token_for("leader"))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def pdf(client, token_for, sid):
    response = client.get(f"/api/v1/quarters/{sid}/report.pdf", headers=token_for("leader"))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert 'filename="dispatch-2019Q4.pdf"' in response.headers["content-disposition"]
    return response.content


def test_workbook_number_formats_and_units(quarter, client, token_for):
    wb = workbook(client, token_for, quarter)
    assert wb.sheetnames == SHEETS
    summary = wb["汇总"]
    assert summary["A1"].value == "聊城市招商引资工作调度通报（2019年第4季度）"
    assert len(summary["A1"].value) < 40 and all(len(str(c.value or "")) < 60 for c in summary[2])  # no hash
    header = [c.value for c in summary[3]]
    assert header[:7] == ["目标", "计量单位", "完成数（已核实）", "目标值", "完成率", "时间进度", "状态"]
    rows = {r[0].value: r for r in summary.iter_rows(min_row=4) if r[0].value and r[1].value}
    t01 = rows["全市每年走访知名企业1000家以上"]
    assert (t01[1].value, t01[2].value, t01[2].number_format) == ("个", 47, "#,##0")
    assert (t01[3].value, t01[3].number_format) == (1000, "#,##0")
    assert t01[4].number_format == "0.0%" and shown(t01[4].value, "0.0%") == "4.7%"
    assert t01[5].number_format == "0.0%" and shown(t01[5].value, "0.0%") == "100.0%"
    t02 = rows["每年新签约四新等优质项目总投资1000亿元以上"]  # the plan's 1000 亿元, shown in 亿元
    assert (t02[1].value, t02[3].value, t02[3].number_format) == ("亿元", 1000, "#,##0.00")
    assert shown(t02[2].value, t02[2].number_format) == "12.35"  # 123,456.78 万元
    detail = {(r[0].value, r[1].value): r for r in wb["明细"].iter_rows(min_row=4)}
    t14 = detail[("东昌府区", "T14")]
    assert (t14[3].value, t14[4].value, t14[4].number_format, t14[6].value) == ("个", 47, "#,##0", 100)
    assert t14[7].number_format == "0.0%" and shown(t14[7].value, "0.0%") == "47.0%"
    ranking = wb["排名-县区和开发区"]
    assert [c.value for c in ranking[3]] == ["名次", "单位", "综合完成率", "达标目标数", "考核目标数"]
    assert all(r[2].number_format == "0.0%" and r[0].number_format == "#,##0" for r in ranking.iter_rows(min_row=4))
    info = {r[0].value: r[1].value for r in wb["说明"].iter_rows(min_row=4)}
    assert len(info["快照哈希（SHA-256）"]) == 64 and info["通报期"] == "2019年第4季度"


def test_printable_page_shows_percentages_and_integers(quarter, client, token_for):
    page = client.get(f"/api/v1/quarters/{quarter}/report.html", headers=token_for("office")).text
    assert "<td class='n'>47.0%</td>" in page and "<td class='n'>47</td>" in page and "0.4700" not in page
    assert "47.00" not in page and "<h1>聊城市招商引资工作调度通报（2019年第4季度）</h1>" in page


def test_every_sheet_freezes_its_header_and_prints_on_a4_landscape(quarter, client, token_for):
    wb = workbook(client, token_for, quarter)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A4", ws.title
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == "$1:$3", ws.title
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert ws.oddHeader.center.text == "聊城市招商引资工作调度通报（2019年第4季度）"


def pdf_lines(content):
    return [line.strip() for page in PdfReader(BytesIO(content)).pages for line in page.extract_text().splitlines()]


def test_pdf_holds_the_workbooks_figures(quarter, client, token_for):
    content = pdf(client, token_for, quarter)
    assert content.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(content))
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    cjk = [f for f in fonts if f["/Subtype"] == "/TrueType"]
    if report_pdf.cjk_font().embedded or os.environ.get("CI") == "true":  # setup.sh installs fonts-wqy-microhei
        assert cjk and all("/FontFile2" in f["/FontDescriptor"] for f in cjk)  # subsets embedded in the file
        assert all("WenQuanYi" in str(f["/BaseFont"]) for f in cjk)
    text = "\n".join(pdf_lines(content))
    assert "聊城市招商引资工作调度通报" in text and "2019年第4季度" in text and "聊城市产业招商领导小组办公室" in text
    assert f"第 1 页，共 {len(reader.pages)} 页" in text and "快照哈希" in text
    wb = workbook(client, token_for, quarter)
    compact = "".join(text.split())  # pypdf reads a table row as one line per cell
    for sheet in ["排名-县区和开发区", "排名-产业团组", "排名-市直部门", "排名-商会"]:
        for row in wb[sheet].iter_rows(min_row=4):
            # a table row's cells in order: rank, unit, rate, met, targets
            assert "".join(shown(c.value, c.number_format) for c in row) in compact, (sheet, row[1].value)
    for row in wb["明细"].iter_rows(min_row=4):
        figures = [shown(c.value, c.number_format) for c in row[4:8]]
        assert all(f in text for f in figures) and row[0].value in text
    assert "47.0%" in text and "4.7%" in text and "1,000.00" in text and "12.35" in text


def test_pdf_is_the_same_every_time_and_gated(quarter, client, token_for):
    assert pdf(client, token_for, quarter) == pdf(client, token_for, quarter)
    assert client.get(f"/api/v1/quarters/{quarter}/report.pdf").status_code == 401
    assert client.get(f"/api/v1/quarters/{quarter}/report.pdf", headers=token_for("dcf_editor")).status_code == 403
    assert client.get("/api/v1/quarters/999999/report.pdf", headers=token_for("office")).status_code == 404


def test_pdftotext_and_page_one_rendered(quarter, client, token_for, tmp_path):
    """With poppler's tools (Debian poppler-utils; CI has them): the text as pdftotext reads it, and page 1 as a
    PNG kept in test-artifacts/reports/ for a person to look at."""
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        if os.environ.get("CI") == "true":
            pytest.fail("poppler-utils (pdftotext, pdftoppm) missing on CI")
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf(client, token_for, quarter))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,  # noqa: S603,S607
                          text=True).stdout
    assert "聊城市招商引资工作调度通报" in text and "东昌府区" in text and "47.0%" in text
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path),  # noqa: S603,S607
                    str(ARTEFACTS / "dispatch-page1")], check=True)
    assert (ARTEFACTS / "dispatch-page1.png").stat().st_size > 10_000


def test_pdf_without_a_cjk_font_falls_back_and_says_so(quarter, client, token_for, monkeypatch):
    monkeypatch.setattr(report_pdf, "FONT_CANDIDATES", ("/nonexistent/wqy-microhei.ttc",))
    report_pdf.cjk_font.cache_clear()
    try:
        content = pdf(client, token_for, quarter)
    finally:
        report_pdf.cjk_font.cache_clear()  # the next render finds the installed font again
    fonts = {str(f["/BaseFont"]) for page in PdfReader(BytesIO(content)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert "/STSong-Light" in fonts and not any("ReportCJK" in f for f in fonts)
    text = "\n".join(pdf_lines(content))
    assert "未找到可嵌入的中文字体" in text and "东昌府区" in text


def test_an_approved_adjustment_shows_in_both(quarter, client, token_for, unit):
    snap = client.get(f"/api/v1/quarters/{quarter}", headers=token_for("office")).json()
    t14 = next(i for i in snap["items"] if i["code"] == "T14" and i["unit_name"] == "东昌府区")
    url = f"/api/v1/quarters/{quarter}/adjustments"
    adj = client.post(url, headers=token_for("office"), json={
        "target_id": t14["target_id"], "unit_id": unit("371502").id, "delta": "2", "reason": "漏报两次走访",
        "effective_on": "2020-01-15"}).json()
    assert client.post(f"{url}/{adj['id']}/decision", headers=token_for("office2"),
                       json={"decision": "approve"}).status_code == 200
    wb = workbook(client, token_for, quarter)
    row = next(wb["调整"].iter_rows(min_row=4))
    assert [c.value for c in row[1:5]] + [row[6].value] == ["T14", "东昌府区", "个", 2, "已批准"]
    assert row[4].number_format == "#,##0"
    detail = {(r[0].value, r[1].value): r for r in wb["明细"].iter_rows(min_row=4)}
    assert (detail[("东昌府区", "T14")][9].value, detail[("东昌府区", "T14")][10].value) == (2, 49)
    text = "\n".join(pdf_lines(pdf(client, token_for, quarter)))
    assert "漏报两次走访" in text and "已批准" in text and "49" in text
