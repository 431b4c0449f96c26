"""Excel workbooks: cells a spreadsheet shows but never runs, and the `.../export.xlsx` of every list.

- `put` / `safe` write one cell of an ordinary (openpyxl) sheet: text is always stored as text (one starting
  with = + - @ TAB CR LF also gets Excel's quote prefix, so neither opening nor editing the cell runs it as a
  formula); characters XML cannot carry are dropped; money (`Decimal`) is a number written with its exact
  digits, shown #,##0.00; dates are dates; times are shown in Beijing time.
- `export` answers a list export, streamed: a domain declares its columns (`Column`) and hands over its rows
  in batches — read through the list's own service function (`keyset_batches`), so the export has the same
  filters, row scoping and order as the list. The workbook is written by `app.core.ooxml` (the same cell
  rules, as XML by hand) into a zip that leaves as it is written: the first bytes go out as soon as the
  first batch is read, the rest as rows are produced (chunked, no Content-Length).
- Before the first byte anything can still fail as an ordinary problem+json answer: the total is counted
  first (more than `MAX_ROWS` is a 422 `export-too-large`) and the first batch is read inside the request.
  After it, an error (the database going away, rows added past the cap since the count) cannot become an
  error answer any more: the stream is aborted — the connection is dropped without the zip's end, so the
  client gets a truncated file that no spreadsheet opens, never a silently short one — and it is logged.
- The request's own transaction ends when the route returns (`get_session`); the later batches are read
  through the same session, each batch a short read of its own (the session is closed after each batch, so
  no connection is held while the stream waits for the client or for a thread) and closed for good when
  the stream ends.
- It gives way: writing is CPU work and one worker's requests share one interpreter, so after each batch it
  reads and every `GIVE_WAY_ROWS` rows it writes (short steps: a list page arriving meanwhile waits little),
  while other requests are in flight (`dbfaults.in_flight`), the stream waits until they are done, for at
  most `GIVE_WAY_MAX_S` each time (an export still finishes under any load).
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from typing import Any, Generic, TypeVar

from fastapi.responses import StreamingResponse
from openpyxl.cell import _writer as cell_writer
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.compat import safe_string
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session

from app.core import dbfaults, ooxml
from app.core.downloads import XLSX, binary, content_disposition
from app.core.errors import Unprocessable
from app.core.ooxml import (
    CITY_TZ,
    DATE_FORMAT,
    DATETIME_FORMAT,
    ERROR_CODES,
    MAX_CELL_TEXT,
    MONEY_FORMAT,
    UNSAFE_START,
    clean_text,
)
from app.core.pagination import EXACT, CountTo, Page

T = TypeVar("T")
log = logging.getLogger(__name__)

MAX_ROWS = 50_000  # one export; more is refused (422) so a clerk narrows the filters
PAGE_SIZE = 100  # rows read per call of a list's service function (short steps, to give way between)
CHUNK_BYTES = 64 * 1024  # compressed bytes gathered before they are sent
GIVE_WAY_ROWS = 25  # rows written between two looks at the other requests (about 2 ms of work)
GIVE_WAY_POLL_S = 0.001  # while others are in flight, look again this often whether they are done
GIVE_WAY_MAX_S = 0.05  # and go on after this long at most, so an export finishes under any load

__all__ = ["CITY_TZ", "DATETIME_FORMAT", "DATE_FORMAT", "MAX_CELL_TEXT", "MONEY_FORMAT", "XLSX", "Column", "Rows",
           "all_rows", "counted", "export", "keyset_batches", "put", "safe"]

RESPONSES = binary(XLSX, "Excel 工作簿（.xlsx）：列表筛选条件下的全部记录")


# ---- cells ------------------------------------------------------------------------------------------

def _exact_number_text(value: Any) -> str:
    """openpyxl writes every number with "%.16g", which goes through a float: Decimal("9.21") would land in
    the file as 9.210000000000001. A Decimal is written with its own digits instead; everything else as
    openpyxl does. (openpyxl offers no hook for this; tests/exports checks the file's digits, so an
    openpyxl upgrade that moves the function cannot silently undo it.)"""
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    return safe_string(value)


cell_writer.safe_string = _exact_number_text  # type: ignore[attr-defined]  # the stubs omit the module's import


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
        value = clean_text(value)
        if not value:
            return None, None, False  # an empty cell, not an empty string
        return value, None, value.startswith(UNSAFE_START) or value in ERROR_CODES
    return value, None, False


def _apply(cell: Cell | MergedCell, value: Any, number_format: str | None, as_text: bool) -> Cell | MergedCell:
    cell.value = value
    if number_format:
        cell.number_format = number_format
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula ('f') or an error code ('e')
        if as_text:
            cell.quotePrefix = True  # and editing it in Excel does not turn it into one either
    return cell


def safe(cell: Cell | MergedCell, value: Any) -> Cell | MergedCell:
    """Sets a cell's value; text that a spreadsheet would run as a formula is kept as plain text."""
    return _apply(cell, *_prepare(value))


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Writes a cell of an ordinary worksheet (see `safe`)."""
    return safe(ws.cell(row=row, column=column), value)


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


def _give_way() -> None:
    """While other requests are in flight (the stream itself is one of them), pause until they are done, for
    at most `GIVE_WAY_MAX_S`: they get the interpreter (and the cores) to themselves meanwhile."""
    deadline = time.perf_counter() + GIVE_WAY_MAX_S
    while dbfaults.in_flight() > 1 and time.perf_counter() < deadline:
        time.sleep(GIVE_WAY_POLL_S)


def _stream(sheet: ooxml.SheetStream, first: Sequence[Any], batches: Iterator[Sequence[Any]],
            session: Session | None) -> Iterator[bytes]:
    """The workbook's bytes as they are written (iterated by Starlette in the thread pool, one step at a time).

    Each batch is read through `session`, which is then closed: the batch's rows are already converted, and
    the connection goes back to the pool before the rows are written and sent."""
    request_id = session.info.get("request_id") if session is not None else None
    try:
        yield sheet.start()
        for batch in chain([first], batches):
            if session is not None:
                session.close()
            _give_way()  # reading and converting a batch is work too
            for at in range(0, len(batch), GIVE_WAY_ROWS):
                sheet.rows(batch[at:at + GIVE_WAY_ROWS])
                _give_way()
                if sheet.pending >= CHUNK_BYTES:
                    yield sheet.take()
        yield sheet.finish()
    except GeneratorExit:  # the client went away: nothing to tell it
        sheet.abort()
        log.info("export abandoned by the client after %d rows (request %s)", sheet.count, request_id)
        raise
    except BaseException:
        # The answer has begun (200, part of the zip): it cannot become an error answer any more. Raising
        # makes the server drop the connection without ending the chunked body, so the client is left with
        # a truncated file that no spreadsheet opens — never a complete-looking one missing rows.
        sheet.abort()
        log.exception("export aborted after %d rows, the client gets an incomplete file (request %s)",
                      sheet.count, request_id)
        raise
    finally:
        if session is not None:
            session.close()


def export(rows: Rows[T], *, title: str, ascii_name: str, columns: Sequence[Column[T]],
           exported_by: str | None = None, session: Session | None = None) -> StreamingResponse:
    """The `.../export.xlsx` answer: e.g. 走访记录_20261125.xlsx (ASCII fallback visits_20261125.xlsx), streamed.

    The count (cap) has been checked when `rows` was made; the first batch is read here, inside the request,
    so either fails as an ordinary error answer. `session` is the request's, through which the rows are read:
    it stays usable for the stream and is closed when the stream ends (see the module doc).
    """
    now = datetime.now(CITY_TZ)
    subtitle = f"导出时间：{now:%Y-%m-%d %H:%M}" + (f"　导出人：{exported_by}" if exported_by else "")
    batches = iter(rows.batches)
    first = next(batches, [])
    sheet = ooxml.SheetStream(
        sheet_name=sheet_title(title), heading=f"{title}　{subtitle}".strip(),
        columns=[ooxml.SheetColumn(c.header, c.value, width, c.number_format)
                 for c, width in zip(columns, _widths(columns, first), strict=True)])
    stamp = f"{now:%Y%m%d}"
    return StreamingResponse(_stream(sheet, first, batches, session), media_type=XLSX, headers={
        "Content-Disposition": content_disposition(f"{title}_{stamp}.xlsx", f"{ascii_name}_{stamp}.xlsx")})
