"""The dispatch report (调度通报) of a frozen quarter as an Excel workbook and a printable HTML page.

Both draw `report_layout`; the workbook is made for reading and printing: real number formats (0.0%, #,##0,
#,##0.00), a frozen header, A4 landscape fitted to the page width with the title rows repeated, the report's
name in the header and page numbers in the footer of every sheet. The snapshot hash sits on the 说明 sheet
(and, shortened, in the footer), not in the title.
"""

import html
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app.core.xlsx import put
from app.quarters.report_layout import ISSUER, Cell, Num, Report, Table, cell_text

FILLS = {"red": PatternFill("solid", fgColor="F8CBAD"), "amber": PatternFill("solid", fgColor="FFE699"),
         "green": PatternFill("solid", fgColor="C6EFCE")}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADER_ROW = 3  # title, sub-title, column header: repeated on every printed page
INFO_SHEET = "说明"


def _print_setup(ws: Worksheet, report: Report, columns: int) -> None:
    """A4 landscape, fitted to one page wide, the rows above the data repeated, header and page numbers."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(columns)}{max(ws.max_row, HEADER_ROW)}"
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None and footer is not None  # openpyxl makes both with the sheet
    header.center.text, header.center.size = report.title, 9
    footer.left.text, footer.left.size = f"{report.stamp} {report.content_hash[:12]}", 8
    footer.center.text, footer.center.size = "第 &P 页，共 &N 页", 9
    footer.right.text, footer.right.size = f"{report.issued_on}印发", 8


def _write(ws: Worksheet, row: int, column: int, value: Cell, fill: PatternFill | None = None) -> None:
    cell = put(ws, row, column, value.value if isinstance(value, Num) else value)
    if isinstance(value, Num):
        cell.number_format = value.fmt.excel
    if fill is not None:
        cell.fill = fill
    cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))


def _table_sheet(wb: Workbook, report: Report, table: Table, note: str | None = None) -> None:
    ws = wb.create_sheet(table.sheet)
    put(ws, 1, 1, report.title).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{table.heading}　（数据截至 {report.as_of}）").font = Font(bold=True)
    for c, text in enumerate(table.header, 1):
        cell = put(ws, HEADER_ROW, c, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, (values, colour) in enumerate(zip(table.rows, table.fills, strict=True), HEADER_ROW + 1):
        for c, value in enumerate(values, 1):
            _write(ws, r, c, value, FILLS.get(colour or ""))
    if note:
        put(ws, ws.max_row + 2, 1, note).alignment = Alignment(wrap_text=False)
    for c, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    _print_setup(ws, report, len(table.header))


def _info_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet(INFO_SHEET)
    put(ws, 1, 1, report.title).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"印发：{report.issued_on}").font = Font(bold=True)
    for c, text in enumerate(["项目", "内容"], 1):
        cell = put(ws, HEADER_ROW, c, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for r, (key, value) in enumerate(report.info, HEADER_ROW + 1):
        put(ws, r, 1, key)
        put(ws, r, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 22, 90
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    _print_setup(ws, report, 2)


def workbook(report: Report) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)  # every sheet is made the same way below
    summary_note = report.summary + ("　进度滞后单位：" + "、".join(report.behind_units) if report.behind_units else "")
    for n, table in enumerate(report.tables):
        _table_sheet(wb, report, table, summary_note if n == 0 else None)
    _info_sheet(wb, report)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def print_page(report: Report) -> str:
    """A plain A4 page the office prints from the browser: no scripts, no external assets."""
    e = html.escape
    sections = []
    for table in report.tables:
        head = "".join(f"<th>{e(h)}</th>" for h in table.header)
        body = "".join(
            f"<tr class='{e(colour or '')}'>"
            + "".join(f"<td class='{'n' if isinstance(v, Num) else ''}'>{e(cell_text(v))}</td>" for v in values)
            + "</tr>" for values, colour in zip(table.rows, table.fills, strict=True))
        sections.append(f"<h2>{e(table.heading)}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    info = "；".join(f"{e(k)} {e(v)}" for k, v in report.info)
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>调度通报 {e(report.period)}</title>
<style>@page{{size:A4 landscape;margin:14mm}}
body{{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;font-size:12px}}
h1{{font-size:20px;text-align:center}} table{{border-collapse:collapse;width:100%;margin:8px 0 16px}}
thead{{display:table-header-group}} td,th{{border:1px solid #999;padding:3px 6px}} th{{background:#eee}}
td.n{{text-align:right}} .red{{background:#f8cbad}} .amber{{background:#ffe699}} .green{{background:#c6efce}}
.meta{{color:#555}} .info{{color:#777;font-size:9px;word-break:break-all}}</style></head><body>
<h1>{e(report.title)}</h1>
<p class="meta">{e(ISSUER)}　{e(report.issued_on)}　数据截至 {e(report.as_of)}</p>
<p>{e(report.summary)}</p>
{''.join(sections)}
<p class="info">{info}</p>
</body></html>"""
