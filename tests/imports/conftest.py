import io

import pytest
from openpyxl import Workbook

from app.enterprises.identity import normalize_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(header, rows) -> bytes:
    """A sheet as a person would fill it: the header row, then the rows (any cell types)."""
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, headers, kind, content, name="导入.xlsx", **data):
    return client.post("/api/v1/imports", headers=headers, data={"kind": kind, **data},
                       files={"file": (name, content, XLSX)})


def checked(client, headers, kind, content, **data):
    """Uploads and returns the import once its dry run has run (jobs run at once in tests)."""
    response = upload(client, headers, kind, content, **data)
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "checking"
    found = client.get(f"/api/v1/imports/{response.json()['id']}", headers=headers)
    assert found.status_code == 200, found.text
    return found.json()


def commit(client, headers, import_id, all_or_nothing=False):
    response = client.post(f"/api/v1/imports/{import_id}/commit", headers=headers,
                           json={"all_or_nothing": all_or_nothing})
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "writing"
    return client.get(f"/api/v1/imports/{import_id}", headers=headers).json()


ENT = "山东示例新材料有限公司"
ENT_USCC = "91371500MA3C00000F"


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise(ENT, uscc=ENT_USCC, name_norm=normalize_name(ENT))


def messages(batch):
    return [e["message"] for e in batch["errors"]]
