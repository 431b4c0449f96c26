"""The zh-CN template of a kind: one header row (a comment on each header saying what goes there), drop-downs
(data validation) for every enumerated field and for unit names, an example row (skipped when imported), and a
second sheet 代码 with each list's labels and codes, which the drop-downs read."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session, col, select

from app.imports.columns import SPECS, Column
from app.imports.models import ImportKind
from app.units.models import Cluster, Unit

CODES_SHEET = "代码"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")
LAST_ROW = 10_001  # the drop-downs reach the row limit


def title(kind: ImportKind) -> str:
    return SPECS[kind].title


def _lists(session: Session, columns: list[Column]) -> dict[str, list[tuple[str, str]]]:
    """Each drop-down's (label, code) pairs, by reader or enum column key."""
    out: dict[str, list[tuple[str, str]]] = {}
    for column in columns:
        if column.labels is not None:
            out[column.key] = [(label, code) for code, label in column.labels.items()]
        elif column.reader in ("unit", "credits") and "unit" not in out:
            out["unit"] = [(u.name_zh, u.code) for u in session.exec(
                select(Unit).where(col(Unit.active)).order_by(col(Unit.code)))]
        elif column.reader == "cluster":
            out["cluster"] = [(c.name_zh, c.code) for c in session.exec(select(Cluster).order_by(col(Cluster.code)))]
        elif column.reader == "bool":
            out["bool"] = [("是", "true"), ("否", "false")]
    return out


def build(session: Session, kind: ImportKind) -> bytes:
    spec = SPECS[kind]
    columns = spec.columns()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = spec.title
    codes = book.create_sheet(CODES_SHEET)
    ranges: dict[str, str] = {}
    for index, (key, pairs) in enumerate(_lists(session, columns).items()):
        label_col, code_col = get_column_letter(2 * index + 1), get_column_letter(2 * index + 2)
        header = next((c.header for c in columns if c.key == key), {"unit": "单位", "cluster": "产业集群",
                                                                   "bool": "是/否"}.get(key, key))
        codes[f"{label_col}1"], codes[f"{code_col}1"] = header, "代码"
        for row, (label, code) in enumerate(pairs, start=2):
            codes[f"{label_col}{row}"], codes[f"{code_col}{row}"] = label, code
        ranges[key] = f"{quote_sheetname(CODES_SHEET)}!${label_col}$2:${label_col}${max(len(pairs) + 1, 2)}"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.header + ("*" if column.required else ""))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        note = column.note + ("\n第 2 行为示例，导入时忽略。" if index == 1 else "")
        cell.comment = Comment(note, "招商引资管理平台", width=300, height=120)
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(column.header) + 4))
        example = sheet.cell(row=2, column=index, value=_example(column))
        example.font = EXAMPLE_FONT
        choice: str | None = column.key if column.labels is not None else column.reader if column.reader in (
            "unit", "cluster", "bool") else None
        if choice in ranges:
            validation = DataValidation(type="list", formula1=ranges[choice], allow_blank=True, showErrorMessage=False)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _example(column: Column) -> Any:
    if column.example is not None:
        return column.example
    if column.reader == "bool":
        return "否"
    return None
