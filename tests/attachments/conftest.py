import io
import zipfile

import pytest

from tests.projects.helpers import create_project

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program cannot be run in DOS mode"


def ooxml(main_type: str, extra: str = "") -> bytes:
    """A minimal Office package: what matters to the sniffer is its [Content_Types].xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="{main_type}"/>'
                   f"{extra}</Types>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


DOCX = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
DOCM = ooxml("application/vnd.ms-word.document.macroEnabled.main+xml")


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path, monkeypatch):
    """Each test stores its files in its own folder."""
    monkeypatch.setattr(settings, "files_dir", tmp_path)
    return tmp_path / "attachments"


def stored(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国重汽集团有限公司", is_central_soe=True)


@pytest.fixture
def project(client, token_for, ent, unit):
    """A complete, signed draft project of the new-materials group (landing in 东昌府区)."""
    response = create_project(client, token_for("grp01_editor"), ent, unit)
    assert response.status_code == 201, response.text
    return response.json()


def upload(client, headers, url, content=PDF, name="签约合同.pdf", category="contract", **extra_headers):
    return client.post(f"{url}/attachments", headers={**headers, **extra_headers},
                       files={"file": (name, content, "application/octet-stream")}, data={"category": category})
