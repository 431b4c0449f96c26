"""What an uploaded workbook must pass before openpyxl reads it: size, an .xlsx by its content (a zip with a
workbook part, no macros), no zip bomb (the parts' uncompressed size and ratio, from the zip's directory, before
anything is inflated) and no DOCTYPE / ENTITY in any XML part (entity expansion and external entities are refused,
not parsed). Formulas are read as their cached values (openpyxl `data_only`), never evaluated."""

import io
import re
import zipfile
from typing import BinaryIO

from app.core.errors import AppError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # data rows, below the header
MAX_UNCOMPRESSED = 120 * 1024 * 1024
MAX_RATIO = 150  # a real sheet compresses 5–20×; a bomb by thousands
MAX_PARTS = 2000
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:[A-Z]+(\d+)\"")
_CHUNK = 64 * 1024


class Refused(AppError):
    """A file that is not read at all; nothing is stored."""

    status, code = 422, "import-refused"


def read_limited(file: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """The upload's bytes, refused (413) past the limit without reading further."""
    data = file.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"文件过大：导入文件不能超过 {limit // (1024 * 1024)} MB", status=413, code="import-too-large")
    if not data:
        raise Refused("文件是空的", code="import-empty")
    return data


def check(content: bytes) -> None:
    """Refuses (problem+json) what is not a plain .xlsx workbook or could hurt the reader."""
    if not content.startswith(b"PK\x03\x04"):
        raise Refused("只能导入 .xlsx 格式的 Excel 文件（请在 Excel 中“另存为”Excel 工作簿 .xlsx）", status=415,
                      code="import-not-xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused("文件已损坏，无法作为 .xlsx 打开", status=415, code="import-not-xlsx") from exc
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise Refused("只能导入 .xlsx 格式的 Excel 文件（这不是 Excel 工作簿）", status=415, code="import-not-xlsx")
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or total > MAX_UNCOMPRESSED or any(
            i.file_size > MAX_RATIO * max(i.compress_size, 1024) for i in infos):
        raise Refused("文件解压后异常巨大（疑似压缩炸弹），已拒绝", status=413, code="import-zip-bomb")
    with archive:
        if b"macroEnabled" in archive.read("[Content_Types].xml"):
            raise Refused("不接受含宏的工作簿（.xlsm），请另存为 .xlsx", status=415, code="import-not-xlsx")
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _no_dtd(archive, info)


def _no_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Streams one XML part looking for a DOCTYPE or ENTITY declaration (the chunks overlap, so none is split)."""
    tail = b""
    with archive.open(info) as part:
        head = part.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
            raise Refused("不接受 UTF-16 编码的 XML 部件", code="import-xml-entity")
        tail = head
        while True:
            chunk = part.read(_CHUNK)
            window = tail + chunk
            if _DTD.search(window):
                raise Refused("文件中含有 XML 实体声明（DOCTYPE/ENTITY），出于安全原因已拒绝", code="import-xml-entity")
            if not chunk:
                return
            tail = window[-16:]


def declared_rows(content: bytes) -> int | None:
    """The data rows the first sheet says it holds (its `dimension`), to refuse a huge sheet before reading it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        if not sheets:
            return None
        with archive.open(sheets[0]) as part:
            found = _DIMENSION.search(part.read(4096))
    return int(found.group(1)) - 1 if found else None


def check_rows(rows: int) -> None:
    if rows > MAX_ROWS:
        raise Refused(f"行数过多：一次至多导入 {MAX_ROWS:,} 行（本文件 {rows:,} 行），请分批导入", status=413,
                      code="import-too-many-rows")
