"""The marked copy: the uploaded workbook with each refused cell filled red and commented (a whole-row finding on
the row's first cell), so the sender fixes the same file and uploads it again."""

import io
from collections import defaultdict
from collections.abc import Iterable

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from app.imports.reader import Finding

RED = PatternFill("solid", fgColor="FFC7CE")
AUTHOR = "招商引资管理平台"


def marked(content: bytes, findings: Iterable[Finding]) -> bytes:
    book = load_workbook(io.BytesIO(content))  # values as written: formulas stay formulas, nothing is evaluated
    sheet = book.worksheets[0]
    notes: dict[tuple[int, int], list[str]] = defaultdict(list)
    for finding in findings:
        notes[(finding.row, finding.index or 1)].append(
            f"「{finding.column}」：{finding.message}" if finding.column and not finding.index else finding.message)
    for (row, column), messages in notes.items():
        cell = sheet.cell(row=row, column=column)
        cell.fill = RED
        cell.comment = Comment("\n".join(messages), AUTHOR, width=300, height=100)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
