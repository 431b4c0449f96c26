"""The dispatch report (调度通报) of a frozen quarter: an Excel workbook and a printable HTML page."""

import html
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.xlsx import put
from app.progress.views import ranking_from_dicts

FILLS = {"red": PatternFill("solid", fgColor="F8CBAD"), "amber": PatternFill("solid", fgColor="FFE699"),
         "green": PatternFill("solid", fgColor="C6EFCE")}
STATUS_ZH = {"ahead": "已完成", "on_track": "进度正常", "behind": "滞后", "missed": "未完成", "no_target": "—"}
TYPE_SHEETS = [("territorial", "排名-县区和开发区"), ("industry_group", "排名-产业团组"),
               ("department", "排名-市直部门"), ("chamber", "排名-商会")]


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]],
           fills: list[str | None] | None = None) -> Worksheet:
    ws = wb.create_sheet(title)
    for c, text in enumerate(header, 1):
        put(ws, 1, c, text).font = Font(bold=True)
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            cell = put(ws, r, c, value)
            fill = fills[r - 2] if fills else None
            if fill:
                cell.fill = FILLS[fill]
    for c in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14 if c > 2 else 36
    ws.freeze_panes = "A2"
    sheet: Worksheet = ws
    return sheet


def _num(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def workbook(meta: dict[str, Any], items: list[dict[str, Any]], adjustments: list[dict[str, Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = "汇总"
    title = f"聊城市招商引资工作调度通报（{meta['year']}年第{meta['quarter']}季度）"
    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"数据截至 {meta['as_of']}；规则版本 {meta['rule_version_id']}；快照哈希 {meta['content_hash']}")
    city = [i for i in items if i["unit_id"] is None]
    header = ["目标", "完成数（已核实）", "目标值", "完成率", "时间进度", "状态", "已报未核", "调整后", "计数口径"]
    for c, text in enumerate(header, 1):
        put(ws, 4, c, text).font = Font(bold=True)
    for r, i in enumerate(city, 5):
        values = [i["title_zh"], _num(i["actual"]), _num(i["threshold"]), _num(i["ratio"]), _num(i["elapsed_ratio"]),
                  STATUS_ZH.get(i["status"], i["status"]), _num(i["unverified"]), _num(i["adjusted_actual"]),
                  i["rule_zh"]]
        for c, value in enumerate(values, 1):
            put(ws, r, c, value).fill = FILLS.get(i["colour"], PatternFill())
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["I"].width = 60
    for unit_type, sheet in TYPE_SHEETS:
        ranking = ranking_from_dicts(items, unit_type)
        _sheet(wb, sheet, ["名次", "单位", "综合完成率", "达标目标数", "考核目标数"],
               [[r["rank"], r["unit_name"], r["score"], r["met"], r["targets"]] for r in ranking],
               [None if r["met"] == r["targets"] else ("red" if r["score"] < Decimal("0.5") else "amber")
                for r in ranking])
    behind = [i for i in items if i["unit_id"] is not None and i["status"] in ("behind", "missed")]
    _sheet(wb, "未达进度单位", ["单位", "目标", "完成数", "目标值", "完成率", "时间进度", "状态"],
           [[i["unit_name"], i["title_zh"], _num(i["actual"]), _num(i["threshold"]), _num(i["ratio"]),
             _num(i["elapsed_ratio"]), STATUS_ZH[i["status"]]] for i in behind], [i["colour"] for i in behind])
    detail = [i for i in items if i["unit_id"] is not None]
    _sheet(wb, "明细", ["单位", "目标编号", "目标", "完成数", "已报未核", "目标值", "完成率", "状态", "调整", "调整后"],
           [[i["unit_name"], i["code"], i["title_zh"], _num(i["actual"]), _num(i["unverified"]), _num(i["threshold"]),
             _num(i["ratio"]), STATUS_ZH.get(i["status"], i["status"]), _num(i["adjustment_total"]),
             _num(i["adjusted_actual"])] for i in detail],
           [i["colour"] if i["status"] in ("behind", "missed") else None for i in detail])
    _sheet(wb, "调整", ["编号", "目标", "单位", "调整值", "原因", "状态", "登记人", "审批人"],
           [[a["id"], a["target_id"], a["unit_id"], _num(a["delta"]), a["reason"], a["status"], a["proposed_by"],
             a["decided_by"]] for a in adjustments])
    for worksheet in wb.worksheets:
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def print_page(meta: dict[str, Any], items: list[dict[str, Any]]) -> str:
    """A plain A4 page the office prints to PDF from the browser: no scripts, no external assets."""
    e = html.escape
    city = "".join(
        f"<tr class='{e(i['colour'])}'><td>{e(i['title_zh'])}</td><td>{e(i['actual'])}</td>"
        f"<td>{e(i['threshold'] or '—')}</td><td>{e(i['ratio'] or '—')}</td>"
        f"<td>{e(STATUS_ZH.get(i['status'], ''))}</td></tr>"
        for i in items if i["unit_id"] is None)
    behind = "".join(
        f"<tr class='{e(i['colour'])}'><td>{e(i['unit_name'] or '')}</td><td>{e(i['title_zh'])}</td>"
        f"<td>{e(i['actual'])}</td><td>{e(i['threshold'] or '—')}</td><td>{e(STATUS_ZH[i['status']])}</td></tr>"
        for i in items if i["unit_id"] is not None and i["status"] in ("behind", "missed"))
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>调度通报 {meta['year']}Q{meta['quarter']}</title>
<style>@page{{size:A4;margin:18mm}}
body{{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;font-size:12px}}
h1{{font-size:20px;text-align:center}} table{{border-collapse:collapse;width:100%;margin:8px 0 16px}}
td,th{{border:1px solid #999;padding:3px 6px}} th{{background:#eee}} .red{{background:#f8cbad}}
.amber{{background:#ffe699}} .green{{background:#c6efce}} .meta{{color:#555}}</style></head><body>
<h1>聊城市招商引资工作调度通报<br>（{meta['year']}年第{meta['quarter']}季度）</h1>
<p class="meta">数据截至 {e(meta['as_of'])}；规则版本 {meta['rule_version_id']}；快照哈希 {e(meta['content_hash'])}</p>
<h2>一、全市目标完成情况</h2><table><tr><th>目标</th><th>完成</th><th>目标值</th><th>完成率</th><th>状态</th></tr>{city}</table>
<h2>二、进度滞后单位</h2><table><tr><th>单位</th><th>目标</th><th>完成</th><th>目标值</th><th>状态</th></tr>{behind}</table>
</body></html>"""
