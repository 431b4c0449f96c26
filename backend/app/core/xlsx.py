"""Excel workbooks: cells a spreadsheet shows but never runs, and the `.../export.xlsx` of every list.

- `put` / `safe` write one cell: text is always stored as text (one starting with = + - @ TAB CR LF also
  gets Excel's quote prefix, so neither opening nor editing the cell runs it as a formula); characters XML
  cannot carry are dropped; money (`Decimal`) is a number written with its exact digits, shown #,##0.00;
  dates are dates; times are shown in Beijing time.
- `export` answers a list export: a domain declares its columns (`Column`) and hands over its rows in
  batches — read through the list's own service function (`keyset_batches`), so the export has the same
  filters, row scoping and order as the list. The total is counted first: more than `MAX_ROWS` is a 422
  before anything is written. The workbook is written row by row (openpyxl write-only mode) into a spooled
  temporary file and streamed.
"""

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from io import BytesIO
from itertools import chain
from typing import IO, Any, Generic, TypeVar
from urllib.parse import quote

from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell import _writer as cell_writer
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.errors import Unprocessable
from app.core.pagination import EXACT, MAX_BATCH, CountTo, Page

T = TypeVar("T")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
CITY_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")  # Liaocheng: UTC+8, no daylight saving
MAX_CELL_TEXT = 32_767  # Excel's limit per cell
MAX_ROWS = 50_000  # one export; more is refused (422) so a clerk narrows the filters
PAGE_SIZE = MAX_BATCH  # rows read per call of a list's service function
SPOOL_BYTES = 8 * 1024 * 1024  # a workbook larger than this is spooled to disk while it is sent
CHUNK_BYTES = 64 * 1024

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
          "description": "Excel 工作簿（.xlsx）：列表筛选条件下的全部记录"},
}


# ---- cells ------------------------------------------------------------------------------------------

def _exact_number_text(value: Any) -> str:
    """openpyxl writes every number with "%.16g", which goes through a float: Decimal("9.21") would land in
    the file as 9.210000000000001. A Decimal is written with its own digits instead; everything else as
    openpyxl does. (openpyxl offers no hook for this; tests/exports checks the file's digits, so an
    openpyxl upgrade that moves the function cannot silently undo it.)"""
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    return safe_string(value)


cell_writer.safe_string = _exact_number_text


def _prepare(value: Any) -> tuple[Any, str | None, bool]:
    """(value to store, number format, must be text) for a Python value."""
    if isinstance(value, bool):
        return ("是" if value else "否"), None, False
    if isinstance(value, Decimal):
        return value, MONEY_FORMAT, False  # written with its exact digits (see above)
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Excel has no time zones: show the city's wall-clock time
            value = value.astimezone(CITY_TZ).replace(tzinfo=None)
        return value, DATETIME_FORMAT, False
    if isinstance(value, date):
        return value, DATE_FORMAT, False
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
        if not value:
            return None, None, False  # an empty cell, not an empty string
        return value, None, value.startswith(UNSAFE_START) or value in ERROR_CODES
    return value, None, False


def _apply(cell, value: Any, number_format: str | None, as_text: bool):
    cell.value = value
    if number_format:
        cell.number_format = number_format
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula ('f') or an error code ('e')
        if as_text:
            cell.quotePrefix = True  # and editing it in Excel does not turn it into one either
    return cell


def safe(cell, value: Any):
    """Sets a cell's value; text that a spreadsheet would run as a formula is kept as plain text."""
    return _apply(cell, *_prepare(value))


def put(ws, row: int, column: int, value: Any):
    """Writes a cell of an ordinary worksheet (see `safe`)."""
    return safe(ws.cell(row=row, column=column), value)


def _stream_cell(ws, value: Any, number_format: str | None = None) -> Any:
    """A value for a write-only sheet's `append`: the plain value where openpyxl stores it as it is, a styled
    cell otherwise (plain values spare a cell object each, which counts at 50,000 rows). `number_format`
    overrides the type's own format for numbers and dates."""
    prepared, default_format, as_text = _prepare(value)
    if not number_format or prepared is None or isinstance(prepared, str):
        number_format = default_format
    if number_format is None and not as_text:
        return prepared
    return _apply(WriteOnlyCell(ws), prepared, number_format, as_text)


# ---- list exports -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column of an export: its Chinese header and how to read the value from a row."""

    header: str
    value: Callable[[T], Any]
    width: float | None = None  # in characters; None: fitted to the header and the first rows
    number_format: str | None = None  # e.g. "yyyy-mm" for a month; default: by the value's type


@dataclass(slots=True)
class Rows(Generic[T]):
    """The rows of an export, in batches, with their total counted before any is read."""

    total: int
    batches: Iterator[Sequence[T]]


def ensure_within_cap(total: int) -> None:
    if total > MAX_ROWS:
        raise Unprocessable(
            f"符合筛选条件的记录共 {total:,} 条，超过单次导出上限 {MAX_ROWS:,} 条。"
            f"请缩小筛选范围（如按时间段、单位或状态）后分批导出。",
            code="export-too-large", total=total, max_rows=MAX_ROWS)


def counted(total: int, batches: Iterable[Sequence[T]]) -> Rows[T]:
    """Rows whose total was counted first: over the cap is refused now, before anything is written, and
    again while reading should rows added since the count pass it (refused, never cut short)."""
    ensure_within_cap(total)

    def checked() -> Iterator[Sequence[T]]:
        seen = 0
        for batch in batches:
            seen += len(batch)
            ensure_within_cap(seen)
            yield batch

    return Rows(total=total, batches=checked())


def keyset_batches(fetch: Callable[[str | None, int, bool | CountTo], Page[Any]],
                   convert: Callable[[list[Any]], Sequence[T]]) -> Rows[T]:
    """Pages through a list's own service function, `fetch(cursor, limit, with_total)`: the same filters,
    row scoping and order as the list. The first page brings the list's own count; each page is converted
    with the list's own `to_public`, so an export row is exactly what the list shows."""
    first = fetch(None, PAGE_SIZE, EXACT)  # an export must know whether it is over the cap
    assert first.total is not None

    def pages() -> Iterator[Sequence[T]]:
        page = first
        yield convert(page.items)
        while page.next_cursor:
            page = fetch(page.next_cursor, PAGE_SIZE, False)
            yield convert(page.items)

    return counted(first.total, pages())


def all_rows(items: Sequence[T]) -> Rows[T]:
    """Rows already in memory (lists that are computed, not paged)."""
    return counted(len(items), [items])


def _display_width(value: Any) -> float:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    text = str(value).split("\n", 1)[0]
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # CJK characters are about two wide


def _widths(columns: Sequence[Column[T]], sample: Sequence[T]) -> list[float]:
    """Each column as wide as its header, and as its declared width or else its widest value among the first
    rows, within 50 characters."""
    widths = []
    for col in columns:
        fitted = col.width if col.width is not None else max(
            [_display_width(col.value(item)) + 2 for item in sample[:100]], default=0)
        widths.append(min(max(_display_width(col.header) + 2, fitted), 50))
    return widths


def sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet1"


def write_workbook(out: IO[bytes], *, title: str, subtitle: str, columns: Sequence[Column[T]],
                   batches: Iterable[Sequence[T]]) -> int:
    """Writes the workbook: a title row, a bold frozen header row with an auto-filter, one row per record.
    Returns the number of records written."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(title))
    batches = iter(batches)
    first = next(batches, [])
    for i, width in enumerate(_widths(columns, first), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A3"
    heading = safe(WriteOnlyCell(ws), f"{title}　{subtitle}".strip())
    heading.font = Font(bold=True, size=13)
    ws.append([heading])
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    header = []
    for col in columns:
        cell = safe(WriteOnlyCell(ws), col.header)
        cell.font, cell.fill, cell.alignment = bold, grey, Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    count = 0
    try:
        for batch in chain([first], batches):
            for item in batch:
                ws.append([_stream_cell(ws, col.value(item), col.number_format) for col in columns])
                count += 1
    except BaseException:
        with suppress(Exception):
            wb.save(BytesIO())  # the public way to close a write-only sheet and remove its temporary file
        raise
    ws.auto_filter.ref = f"A2:{get_column_letter(max(len(columns), 1))}{count + 2}"
    wb.save(out)
    return count


def content_disposition(filename: str, ascii_filename: str) -> str:
    """RFC 6266 / 5987: the Chinese name for browsers that read `filename*`, an ASCII one for the rest."""
    return f"attachment; filename=\"{ascii_filename}\"; filename*=UTF-8''{quote(filename, safe='')}"


def export(rows: Rows[T], *, title: str, ascii_name: str, columns: Sequence[Column[T]],
           exported_by: str | None = None) -> StreamingResponse:
    """The `.../export.xlsx` answer: e.g. 走访记录_20261125.xlsx (ASCII fallback visits_20261125.xlsx).

    The workbook is complete before the first byte is sent (a failure is an ordinary error answer, never
    half a file) and is then streamed from a spooled temporary file.
    """
    now = datetime.now(CITY_TZ)
    subtitle = f"导出时间：{now:%Y-%m-%d %H:%M}" + (f"　导出人：{exported_by}" if exported_by else "")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by the stream below
    try:
        write_workbook(spool, title=title, subtitle=subtitle, columns=columns, batches=rows.batches)
        size = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[bytes]:
        try:
            while data := spool.read(CHUNK_BYTES):
                yield data
        finally:
            spool.close()

    stamp = f"{now:%Y%m%d}"
    return StreamingResponse(chunks(), media_type=XLSX, headers={
        "Content-Disposition": content_disposition(f"{title}_{stamp}.xlsx", f"{ascii_name}_{stamp}.xlsx"),
        "Content-Length": str(size)})
