"""The streaming writer behind every export.xlsx: exact cells, a well-formed workbook, bytes leaving before the
last rows are read, errors before the first byte as problem+json and after it as a file that does not open,
the session released between batches, and giving way to other requests."""

import asyncio
import logging
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from app.core import dbfaults, xlsx
from app.core.errors import Unprocessable
from app.core.xlsx import Column


@dataclass
class Row:
    n: int
    text: str | None = None
    money: Decimal | None = None
    day: date | None = None
    at: datetime | None = None
    flag: bool | None = None
    month: date | None = None


COLUMNS = [Column("编号", lambda r: r.n, 8), Column("文本", lambda r: r.text), Column("金额", lambda r: r.money, 12),
           Column("日期", lambda r: r.day, 11), Column("时间", lambda r: r.at, 17), Column("是否", lambda r: r.flag),
           Column("月份", lambda r: r.month, 10, number_format="yyyy-mm")]


class Reads:
    """Batches handed out one at a time, recording how many were read."""

    def __init__(self, batches, fail_at: int | None = None):
        self.batches, self.fail_at, self.read = batches, fail_at, 0

    def __iter__(self):
        for i, batch in enumerate(self.batches):
            if i == self.fail_at:
                raise RuntimeError("the database went away")
            self.read += 1
            yield batch


class FakeSession:
    def __init__(self):
        self.info = {"request_id": "req-1"}
        self.closed = 0

    def close(self):
        self.closed += 1


def drive(response, reads: Reads | None = None) -> tuple[list[dict], list[int], BaseException | None]:
    """Runs the response as the server would: the messages it sends, the batches read when each body chunk was
    sent, and what it raised."""
    sent: list[dict] = []
    read_at: list[int] = []

    async def receive():
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
        if message["type"] == "http.response.body" and reads is not None:
            read_at.append(reads.read)

    scope = {"type": "http", "asgi": {"spec_version": "2.4"}, "method": "GET", "path": "/api/v1/x/export.xlsx"}
    try:
        asyncio.run(response(scope, receive, send))
    except Exception as exc:  # noqa: BLE001 - returned to the test
        return sent, read_at, exc
    return sent, read_at, None


def body(sent: list[dict]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def export(batches, session=None, total=None) -> object:
    batches = list(batches) if not isinstance(batches, Reads) else batches
    count = total if total is not None else sum(len(b) for b in getattr(batches, "batches", batches))
    return xlsx.export(xlsx.counted(count, batches), title="测试导出", ascii_name="test", columns=COLUMNS,
                       exported_by="office", session=session)


def test_cells_keep_their_exact_values_types_and_styles():
    rows = [Row(1, "=1+1", Decimal("9.21"), date(2019, 3, 1), datetime(2019, 1, 1, 16, 30, tzinfo=UTC), True,
                date(2019, 6, 1)),
            Row(2, "张三\x07李四\x1f", Decimal("12345678901.23"), date(1900, 1, 1), datetime(2019, 5, 6, 8, 5), False),
            Row(3, "#N/A", Decimal("0.10")), Row(4, ""), Row(5, "a & <b> \"c\"\r\nd "), Row(6, "x" * 40_000),
            Row(7, "@SUM(1)"), Row(8, "-再谈"), Row(9, "普通文本")]
    sent, _, error = drive(export([rows[:4], rows[4:]]))
    assert error is None
    data = body(sent)
    ws = load_workbook(BytesIO(data)).worksheets[0]
    assert ws.title == "测试导出" and ws["A1"].value.startswith("测试导出　导出时间：")
    assert "导出人：office" in ws["A1"].value
    assert ws["A1"].font.b and ws["A1"].font.sz == 13
    assert [c.value for c in ws[2]] == [c.header for c in COLUMNS]
    assert all(c.font.b and c.fill.fgColor.rgb == "FFD9D9D9" for c in ws[2])
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:G11"
    assert ws.column_dimensions["A"].width == 8 and ws.column_dimensions["C"].width == 12

    def at(row: int, col: str):
        return ws[f"{col}{row + 2}"]

    formula = at(1, "B")
    assert formula.value == "=1+1" and formula.data_type == "s" and formula.quotePrefix
    assert at(1, "C").value == 9.21 and at(1, "C").number_format == "#,##0.00" and at(1, "C").data_type == "n"
    assert at(1, "D").value == datetime(2019, 3, 1) and at(1, "D").number_format == "yyyy-mm-dd"
    assert at(1, "E").value == datetime(2019, 1, 2, 0, 30)  # 16:30 UTC is 00:30 the next day in Beijing
    assert at(1, "E").number_format == "yyyy-mm-dd hh:mm"
    assert at(1, "F").value == "是" and at(2, "F").value == "否"
    assert at(1, "G").value == datetime(2019, 6, 1) and at(1, "G").number_format == "yyyy-mm"
    assert at(2, "B").value == "张三李四"  # characters XML cannot carry are dropped, the rest kept
    assert at(2, "D").value == datetime(1900, 1, 1)  # Excel's serial 1 (before its 29 February 1900)
    assert at(2, "E").value == datetime(2019, 5, 6, 8, 5)  # naive: shown as it is
    assert at(3, "B").value == "#N/A" and at(3, "B").data_type == "s" and at(3, "B").quotePrefix
    assert at(4, "B").value is None and at(4, "C").value is None  # empty string and None: empty cells
    assert at(5, "B").value == "a & <b> \"c\"\r\nd " and not at(5, "B").quotePrefix  # CR and spaces kept
    assert at(6, "B").value == "x" * 32_767  # Excel's limit per cell
    assert at(7, "B").quotePrefix and at(8, "B").quotePrefix and not at(9, "B").quotePrefix
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    with zipfile.ZipFile(BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
        assert z.testzip() is None
    for digits in ("9.21", "12345678901.23", "0.10"):
        assert f"<v>{digits}</v>" in xml  # the Decimal's own digits, never a float's
    assert "<f>" not in xml and 't="inlineStr"' in xml and "\x07" not in xml


def test_bytes_leave_before_the_last_batch_is_read_chunked_without_a_length():
    text = "聊城市招商引资走访记录，内容较长以便压缩后仍超过一个发送块。" * 3
    reads = Reads([[Row(i * 1000 + j, f"{text}{i}-{j}", Decimal(j)) for j in range(1000)] for i in range(20)])
    response = export(reads)
    assert reads.read == 1  # the first batch is read inside the request, before any byte
    sent, read_at, error = drive(response, reads)
    assert error is None
    start = sent[0]
    assert start["type"] == "http.response.start" and start["status"] == 200
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    assert "content-length" not in headers and headers["content-type"] == xlsx.XLSX
    assert read_at[0] == 1 and len(read_at) > 5  # the first chunk went out with one batch of twenty read
    assert read_at.index(max(read_at)) > 2  # and more went out while the rest were read
    assert sent[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
    ws = load_workbook(BytesIO(body(sent)), read_only=True).worksheets[0]
    values = [r[0] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert values == [i * 1000 + j for i in range(20) for j in range(1000)]


def test_over_the_cap_is_refused_before_any_byte(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    with pytest.raises(Unprocessable) as refused:
        export([[Row(1), Row(2)], [Row(3), Row(4)]])  # counted: 4
    assert refused.value.code == "export-too-large"
    with pytest.raises(Unprocessable):  # a stale count, but the first batch alone is over: still before any byte
        export([[Row(1), Row(2), Row(3), Row(4)]], total=3)


def test_an_error_after_the_first_byte_aborts_the_stream_and_is_logged(caplog):
    session = FakeSession()
    reads = Reads([[Row(i, "文本" * 50)] * 500 for i in range(6)], fail_at=3)
    response = export(reads, session=session, total=3000)
    with caplog.at_level(logging.ERROR, logger="app.core.xlsx"):
        sent, _, error = drive(response, reads)
    assert isinstance(error, RuntimeError)
    assert sent[0]["status"] == 200 and body(sent).startswith(b"PK")  # the answer had begun
    assert not any(m.get("more_body") is False for m in sent)  # never ended: the server drops the connection
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(BytesIO(body(sent)))
    assert "export aborted after 1500 rows" in caplog.text and "req-1" in caplog.text
    assert session.closed >= 1  # the session is closed whatever happens


def test_rows_past_the_cap_while_streaming_abort_the_file(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    sent, _, error = drive(export([[Row(1), Row(2)], [Row(3), Row(4)]], total=3))
    assert isinstance(error, Unprocessable)
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(BytesIO(body(sent)))


def test_the_session_is_released_after_each_batch_and_at_the_end():
    session = FakeSession()
    sent, _, error = drive(export([[Row(1)], [Row(2)], [Row(3)]], session=session))
    assert error is None and session.closed == 3 + 1
    assert len(list(load_workbook(BytesIO(body(sent))).worksheets[0].iter_rows(min_row=3))) == 3


def test_the_stream_waits_while_others_are_in_flight_and_for_a_bounded_time(monkeypatch):
    """Between its short steps the export waits until the other requests are done (a list page is not slowed
    by it), but never longer than GIVE_WAY_MAX_S at a time (it still finishes under any load)."""
    clock, pauses = [0.0], []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        clock[0] += seconds
    monkeypatch.setattr(xlsx.time, "sleep", sleep)
    monkeypatch.setattr(xlsx.time, "perf_counter", lambda: clock[0])
    rows = [[Row(i, "文本") for i in range(1000)]]
    monkeypatch.setattr(dbfaults, "in_flight", lambda: 1)  # the export alone: it never waits
    assert drive(export(rows))[2] is None and pauses == []

    other = iter([2] * 7)  # another request, in flight for the export's next seven looks
    monkeypatch.setattr(dbfaults, "in_flight", lambda: next(other, 1))
    assert drive(export(rows))[2] is None
    assert pauses == [xlsx.GIVE_WAY_POLL_S] * 7

    pauses.clear()
    monkeypatch.setattr(dbfaults, "in_flight", lambda: 2)  # others never stop coming
    assert drive(export(rows))[2] is None
    steps = 1 + 1000 // xlsx.GIVE_WAY_ROWS  # after the batch is read, then every GIVE_WAY_ROWS rows
    assert steps * xlsx.GIVE_WAY_MAX_S <= sum(pauses) <= steps * (xlsx.GIVE_WAY_MAX_S + xlsx.GIVE_WAY_POLL_S)
