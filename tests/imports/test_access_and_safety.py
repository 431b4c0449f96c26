"""Who may import and see imports, and files refused before anything is stored: over the limits, not an .xlsx,
a zip bomb, an XML entity."""

import io
import zipfile

import pytest
from sqlmodel import func, select

from app.imports import safety
from app.imports.models import ImportBatch, ImportFile
from tests.imports.conftest import ENT, checked, upload, workbook

SHEET = workbook(["企业", "走访日期", "地区"], [[ENT, "2019-05-01", "长三角"]])


def _stored(db):
    return (db.exec(select(func.count()).select_from(ImportBatch)).one(),
            db.exec(select(func.count()).select_from(ImportFile)).one())


def _rewrite(content: bytes, part: str, change) -> bytes:
    """The workbook with one of its XML parts changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out.getvalue()


def test_the_four_principals(client, token_for, headers_for, make_api_client, unit, ent):
    assert upload(client, {}, "visits", SHEET).status_code == 401
    assert upload(client, token_for("dcf_viewer"), "visits", SHEET).status_code == 403
    assert upload(client, token_for("leader"), "visits", SHEET).status_code == 403
    writer_client = make_api_client(["records:read", "records:write"], unit("371502").id)[2]
    assert upload(client, writer_client, "visits", SHEET).status_code == 403  # API clients post records themselves
    batch = checked(client, token_for("dcf_editor"), "visits", SHEET)
    url = f"/api/v1/imports/{batch['id']}"
    assert client.get(url, headers={}).status_code == 401
    other = token_for("linqing_editor")
    assert client.get(url, headers=other).status_code == 404
    assert client.get(f"{url}/marked.xlsx", headers=other).status_code == 404
    assert client.post(f"{url}/commit", headers=other, json={"all_or_nothing": False}).status_code == 404
    assert client.get("/api/v1/imports", headers=other).json()["data"] == []
    for reader in ("dcf_viewer", "office", "leader", "admin"):
        assert client.get(url, headers=token_for(reader)).status_code == 200, reader
    listed = client.get("/api/v1/imports", headers=token_for("dcf_viewer"), params={"kind": "visits"}).json()
    assert [b["id"] for b in listed["data"]] == [batch["id"]]
    assert client.get("/api/v1/imports", headers=token_for("office"), params={"kind": "leads"}).json()["data"] == []
    assert client.post(f"{url}/commit", headers=token_for("dcf_viewer"), json={}).status_code == 403
    assert client.post(f"{url}/commit", headers=token_for("dcf_editor"), json={"x": 1}).status_code == 422
    assert client.get(f"{url}/marked.xlsx", headers=token_for("dcf_editor")).status_code == 404  # no findings


def test_the_office_imports_on_a_units_behalf(client, token_for, unit, ent, db):
    office = token_for("office")
    linqing = unit("371581")
    content = workbook(["企业", "走访日期", "地区", "单位"], [[ENT, "2019-05-01", "长三角", "东昌府区"],
                                                              [ENT, "2019-05-02", "长三角", None],
                                                              [ENT, "2019-05-03", "长三角", "无此单位"]])
    batch = checked(client, office, "visits", content, unit_id=str(linqing.id))
    assert batch["unit_id"] == linqing.id
    assert [e["message"] for e in batch["errors"]] == ["第 4 行「单位」：单位不存在（请从下拉列表选择）"]
    done = client.post(f"/api/v1/imports/{batch['id']}/commit", headers=office, json={"all_or_nothing": False})
    assert done.status_code == 202
    from app.visits.models import Visit

    visits = db.exec(select(Visit).where(Visit.created_by == "office")).all()
    assert sorted((str(v.visit_date), v.unit_id) for v in visits) == [
        ("2019-05-01", unit("371502").id), ("2019-05-02", linqing.id)]
    # a unit names only itself
    refused = upload(client, token_for("dcf_editor"), "visits", SHEET, unit_id=str(linqing.id))
    assert refused.status_code == 422


@pytest.mark.parametrize(("make", "status", "code"), [
    (lambda: b"PK\x03\x04" + b"\x00" * (safety.MAX_BYTES), 413, "import-too-large"),
    (lambda: "企业,走访日期\n示例,2019-05-01\n".encode(), 415, "import-not-xlsx"),
    (lambda: b"%PDF-1.4\n", 415, "import-not-xlsx"),
    (lambda: _rewrite(SHEET, "xl/workbook.xml", lambda d: b'<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>'
                      + d), 422, "import-xml-entity"),
    (lambda: _rewrite(SHEET, "xl/worksheets/sheet1.xml", lambda d: d.replace(
        b"<sheetData>", b"<sheetData>" + b"<!-- -->" * 2_000_000, 1)), 413, "import-zip-bomb"),
    (lambda: _rewrite(SHEET, "xl/worksheets/sheet1.xml", lambda d: d.replace(
        b'ref="A1:C2"', b'ref="A1:C10002"', 1)), 413, "import-too-many-rows"),
])
def test_refused_files_store_nothing(client, token_for, db, make, status, code):
    before = _stored(db)
    response = upload(client, token_for("dcf_editor"), "visits", make())
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == f"/problems/{code}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])
    assert _stored(db) == before


def test_an_empty_sheet_fails_its_dry_run(client, token_for):
    batch = checked(client, token_for("dcf_editor"), "visits", workbook(["企业", "走访日期", "地区"], []))
    assert (batch["status"], batch["message"]) == ("failed", "工作表中没有数据行（第 1 行为表头，数据从第 2 行起）")


def test_rows_past_the_limit_fail_the_dry_run_without_writing(client, token_for, monkeypatch, ent):
    monkeypatch.setattr(safety, "MAX_ROWS", 2)
    content = workbook(["企业", "走访日期", "地区"], [[ENT, "2019-05-01", "长三角"]] * 3)
    # the sheet's dimension claims one data row: every row is read all the same, and counted
    content = _rewrite(content, "xl/worksheets/sheet1.xml", lambda d: d.replace(b'ref="A1:C4"', b'ref="A1:C2"', 1))
    batch = checked(client, token_for("dcf_editor"), "visits", content)
    assert (batch["status"], batch["message"]) == ("failed", "行数过多：一次至多导入 2 行（本文件 3 行），请分批导入")
