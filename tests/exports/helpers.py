"""Reading the exported workbooks back, as a clerk's Excel would."""

import re
import zipfile
from io import BytesIO
from urllib.parse import unquote

from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 2  # row 1 is the title


def open_export(response):
    """The one sheet of an export answer, checked to be a well-formed .xlsx download."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert "content-length" not in response.headers  # streamed (chunked) as it is written
    return load_workbook(BytesIO(response.content)).worksheets[0]


def headers(ws) -> list[str]:
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def records(ws) -> list[dict]:
    """One dict per data row, keyed by the Chinese headers."""
    names = headers(ws)
    return [dict(zip(names, row, strict=False)) for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def cells(ws, header: str) -> list:
    """The cells (not only values) of one column, data rows only."""
    index = headers(ws).index(header)
    return [row[index] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]


def filenames(response) -> tuple[str, str]:
    """(ASCII fallback, UTF-8 name) from Content-Disposition."""
    value = response.headers["content-disposition"]
    ascii_name = re.search(r'filename="([^"]+)"', value).group(1)
    utf8_name = unquote(re.search(r"filename\*=UTF-8''(\S+)", value).group(1))
    return ascii_name, utf8_name


def sheet_xml(response) -> str:
    with zipfile.ZipFile(BytesIO(response.content)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def list_all(client, url: str, headers: dict, params: dict | None = None) -> list[dict]:
    """Every row of a JSON list, following next_cursor."""
    out, cursor = [], None
    while True:
        page = client.get(url, headers=headers, params={**(params or {}), "limit": 200,
                                                         **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        out += page.json()["data"]
        if not (cursor := page.json().get("next_cursor")):
            return out
