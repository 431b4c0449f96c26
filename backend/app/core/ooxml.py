"""A streaming .xlsx writer: the few OOXML parts of a one-sheet workbook, written by hand as a zip that leaves
as it is written (entries with data descriptors, never a seek), so the first bytes go out at once and memory
stays flat whatever the number of rows.

The cell rules are those of `app.core.xlsx` (`put` / `safe` for openpyxl sheets), written straight as XML:
- text is always an inline string (`t="inlineStr"`), never a formula; text that a spreadsheet would run or
  read as an error (starting with = + - @ TAB CR LF, or equal to an error code) gets the quote prefix style;
  characters XML cannot carry are dropped; at most 32,767 characters; an empty string is an empty cell;
- a `Decimal` is a number written with its own digits (`format(value, "f")`: 9.21 stays 9.21), money style;
- `bool` is 是 / 否; an aware `datetime` is shown in Beijing time (UTC+8); dates and datetimes are Excel
  serial numbers (days since 1899-12-30, the 1900 leap-year bug kept) with a date / datetime style;
- a column's declared `number_format` (e.g. "yyyy-mm") replaces the type's own for numbers and dates.

Styles are fixed (`styles.xml`, `XF_*` below) plus one per extra number format the columns declare.
"""

import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r", "\n")
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
CITY_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")  # Liaocheng: UTC+8, no daylight saving
MAX_CELL_TEXT = 32_767  # Excel's limit per cell

# cellXfs of styles.xml, in order; extra number formats declared by columns follow from XF_EXTRA on
XF_DEFAULT, XF_MONEY, XF_DATE, XF_DATETIME, XF_QUOTED, XF_HEADING, XF_HEADER, XF_EXTRA = range(8)
_BUILTIN_FORMATS = {MONEY_FORMAT: 4}  # Excel's own number format ids; others are custom, from 164
_EPOCH_DATE = date(1899, 12, 30)
_EPOCH = datetime(1899, 12, 30)
_EPOCH_CITY = datetime(1899, 12, 30, tzinfo=CITY_TZ)  # an aware time minus this: its Beijing wall clock's serial
_DAY = timedelta(days=1)

# What XML 1.0 cannot carry (controls but TAB LF CR, surrogates, U+FFFE/U+FFFF) — dropped, as openpyxl drops
# the controls — and, in one pass, whether a text needs any work at all (& < > CR are escaped).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPECIAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>\r]").search
_SPACES = " \t\n\r"


def clean_text(value: str) -> str:
    """The text a cell keeps: XML-illegal characters dropped, cut at Excel's limit."""
    return _ILLEGAL.sub("", value)[:MAX_CELL_TEXT]


def escape(text: str) -> str:
    """XML character data (also good in a double-quoted attribute): & < > " and CR escaped (a raw CR would be
    read back as LF)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;"))


def is_unsafe(text: str) -> bool:
    """Text a spreadsheet would run as a formula or show as an error code (gets the quote prefix)."""
    return text.startswith(UNSAFE_START) or text in ERROR_CODES


def text_cell(ref: str, value: str, style: int = XF_DEFAULT) -> str:
    """An inline-string cell, or "" for text that is empty once cleaned (an empty cell)."""
    if _SPECIAL(value) is not None or len(value) > MAX_CELL_TEXT:
        value = clean_text(value)
        if not value:
            return ""
        quoted = is_unsafe(value)
        edges = value[0] in _SPACES or value[-1] in _SPACES
        value = escape(value)
    else:  # nothing to drop or escape: the common case, kept cheap
        quoted = value[0] in "=+-@\t\n" or (value[0] == "#" and value in ERROR_CODES)
        edges = value[0] in _SPACES or value[-1] in _SPACES
    if quoted and style == XF_DEFAULT:
        style = XF_QUOTED
    s = f' s="{style}"' if style else ""
    if edges:  # leading or trailing white space is kept only when asked
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t>{value}</t></is></c>'


def excel_date(value: date) -> int:
    days = (value - _EPOCH_DATE).days
    return days - 1 if 0 < days <= 60 else days  # before 1900-03-01: Excel counts a 29 February 1900


def excel_datetime(value: datetime) -> float:
    # Excel has no time zones: an aware time is shown at the city's wall clock (UTC+8 all year)
    serial = (value - (_EPOCH if value.tzinfo is None else _EPOCH_CITY)) / _DAY
    return serial - 1 if 0 < serial < 61 else serial


def cell(ref: str, value: Any, number_style: int | None = None) -> str:
    """One cell's XML ("" for an empty cell). `number_style` replaces the type's style for numbers and dates."""
    kind = type(value)
    if kind is str:
        return text_cell(ref, value) if value else ""
    if value is None:
        return ""
    if kind is bool:
        return f'<c r="{ref}" t="inlineStr"><is><t>{"是" if value else "否"}</t></is></c>'
    if kind is int:
        return f'<c r="{ref}" s="{number_style}"><v>{value}</v></c>' if number_style else \
            f'<c r="{ref}"><v>{value}</v></c>'
    if kind is Decimal:
        if value.is_finite():
            return f'<c r="{ref}" s="{number_style or XF_MONEY}"><v>{format(value, "f")}</v></c>'
        return text_cell(ref, str(value))
    if kind is datetime:
        return f'<c r="{ref}" s="{number_style or XF_DATETIME}"><v>{excel_datetime(value)!r}</v></c>'
    if kind is date:
        return f'<c r="{ref}" s="{number_style or XF_DATE}"><v>{excel_date(value)}</v></c>'
    if kind is float:
        if math.isfinite(value):
            s = f' s="{number_style}"' if number_style else ""
            return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
        return text_cell(ref, str(value))
    return _other(ref, value, number_style)


def _other(ref: str, value: Any, number_style: int | None) -> str:
    """Subclasses of the types above (a str enum, an int enum…) as their base type; anything else as text."""
    if isinstance(value, str):
        return cell(ref, str.__str__(value), number_style)
    if isinstance(value, bool):
        return cell(ref, bool(value), number_style)
    if isinstance(value, int):
        return cell(ref, int(value), number_style)
    if isinstance(value, Decimal):
        return cell(ref, Decimal(value), number_style)
    if isinstance(value, datetime):
        return f'<c r="{ref}" s="{number_style or XF_DATETIME}"><v>{excel_datetime(value)!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{number_style or XF_DATE}"><v>{excel_date(value)}</v></c>'
    if isinstance(value, float):
        return cell(ref, float(value), number_style)
    return cell(ref, str(value), number_style)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class SheetColumn:
    header: str
    value: Callable[[Any], Any]
    width: float
    number_format: str | None = None


# ---- the parts ---------------------------------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    '</Types>')
ROOT_RELS = (f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
             'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK_RELS = (f'{_XML}<Relationships xmlns="{_PKG_REL}">'
                 f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')


def styles_xml(extra_formats: Sequence[str]) -> str:
    """The fixed cellXfs (XF_*), then one per extra number format, in the order given."""
    custom = {DATE_FORMAT: 164, DATETIME_FORMAT: 165}
    extra_ids = []
    for fmt in extra_formats:
        if fmt not in _BUILTIN_FORMATS and fmt not in custom:
            custom[fmt] = 164 + len(custom)
        extra_ids.append(_BUILTIN_FORMATS.get(fmt) or custom[fmt])
    numfmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(code)}"/>' for code, i in custom.items())

    def xf(numfmt: int = 0, font: int = 0, fill: int = 0, extra: str = "", inner: str = "") -> str:
        applied = (' applyNumberFormat="1"' if numfmt else "") + (' applyFont="1"' if font else "") + (
            ' applyFill="1"' if fill else "")
        body = f">{inner}</xf>" if inner else "/>"
        return f'<xf numFmtId="{numfmt}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{applied}{extra}{body}'

    xfs = [xf(), xf(4), xf(164), xf(165), xf(extra=' quotePrefix="1"'), xf(font=1),
           xf(font=2, fill=2, extra=' applyAlignment="1"', inner='<alignment vertical="center" wrapText="1"/>'),
           *(xf(i) for i in extra_ids)]
    return (f'{_XML}<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="{len(custom)}">{numfmts}</numFmts>'
            '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b val="1"/><sz val="13"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="3"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill>'
            '</fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def workbook_xml(sheet_name: str, filter_ref: str) -> str:
    target = escape("'" + sheet_name.replace("'", "''") + "'!" + filter_ref)
    return (f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
            f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"{target}</definedName></definedNames></workbook>")


# ---- the stream --------------------------------------------------------------------------------------

class _Sink:
    """A non-seekable file for zipfile: it collects what is written until it is taken."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        self.size = 0
        return data


class SheetStream:
    """Writes a one-sheet workbook as it goes: `start()`, `rows(items)` any number of times, `finish()`. The zip
    bytes written so far (`pending`; deflate keeps some back until it has enough) are collected by `take()`;
    `start` and `finish` return them.

    Row 1 is the heading, row 2 the bold grey header row (frozen, with the auto-filter), data from row 3.
    """

    def __init__(self, *, sheet_name: str, heading: str, columns: Sequence[SheetColumn], compresslevel: int = 1):
        self.sheet_name, self.heading, self.columns = sheet_name, heading, list(columns)
        self.extra_formats = list(dict.fromkeys(c.number_format for c in self.columns if c.number_format))
        self._cols = [(column_letter(i), c.value, XF_EXTRA + self.extra_formats.index(c.number_format)
                       if c.number_format else None) for i, c in enumerate(self.columns, 1)]
        self._sink = _Sink()
        self._zip = zipfile.ZipFile(self._sink, "w", compression=zipfile.ZIP_DEFLATED,  # noqa: SIM115
                                    compresslevel=compresslevel)
        self._sheet: Any = None
        self.row = 2  # the last row written
        self.count = 0  # data rows written

    @property
    def pending(self) -> int:
        """Bytes written but not yet taken."""
        return self._sink.size

    def take(self) -> bytes:
        return self._sink.take()

    def start(self) -> bytes:
        self._zip.writestr("[Content_Types].xml", CONTENT_TYPES)
        self._zip.writestr("_rels/.rels", ROOT_RELS)
        self._zip.writestr("xl/styles.xml", styles_xml(self.extra_formats))
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w")
        cols = "".join(f'<col min="{i}" max="{i}" width="{c.width:g}" customWidth="1"/>'
                       for i, c in enumerate(self.columns, 1))
        header = "".join(text_cell(f"{letter}2", c.header, XF_HEADER)
                         for (letter, _, _), c in zip(self._cols, self.columns, strict=True))
        self._write(
            f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}<sheetData>'
            f'<row r="1">{text_cell("A1", self.heading, XF_HEADING)}</row><row r="2">{header}</row>')
        return self.take()

    def _write(self, text: str) -> None:
        self._sheet.write(text.encode("utf-8"))

    def rows(self, items: Iterable[Any]) -> None:
        out: list[str] = []
        append = out.append
        cols = self._cols
        r = self.row
        for item in items:
            r += 1
            row = str(r)
            append(f'<row r="{row}">')
            for letter, get, style in cols:
                value = get(item)
                if type(value) is str:  # the common case, inline
                    if value:
                        append(text_cell(letter + row, value))
                elif value is not None:
                    append(cell(letter + row, value, style))
            append("</row>")
        self.count += r - self.row
        self.row = r
        self._write("".join(out))

    def abort(self) -> None:
        """Gives up the workbook: what is pending is dropped and the archive never gets its end (the central
        directory), so what was sent cannot be opened."""
        if self._sheet is not None:
            with suppress(Exception):
                self._sheet.close()
        self._zip.fp = None  # zipfile's mark of a closed archive: its close() (also when collected) writes nothing
        self._sink.take()

    def finish(self) -> bytes:
        last = column_letter(max(len(self.columns), 1))
        self._write(f'</sheetData><autoFilter ref="A2:{last}{self.row}"/>'
                    '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
                    '</worksheet>')
        self._sheet.close()
        self._zip.writestr("xl/workbook.xml", workbook_xml(self.sheet_name, f"$A$2:${last}${self.row}"))
        self._zip.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        self._zip.close()
        return self.take()

