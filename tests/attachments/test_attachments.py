"""Files on records: exactly the record's visibility, streamed in and out, typed by content, locked with the record,
and in the record's history with their SHA-256."""

import hashlib
from urllib.parse import quote

import pytest
from sqlmodel import select

from app.attachments.models import Attachment
from tests.attachments.conftest import DOCM, DOCX, EXE, PDF, PNG, stored, upload
from tests.projects.helpers import move


def test_owner_uploads_and_office_downloads_with_a_chinese_name(client, token_for, project, files_dir):
    url = f"/api/v1/projects/{project['id']}"
    response = upload(client, token_for("grp01_editor"), url)
    assert response.status_code == 201, response.text
    a = response.json()
    assert (a["category"], a["filename"], a["content_type"], a["size"], a["previewable"]) == \
        ("contract", "签约合同.pdf", "application/pdf", len(PDF), True)
    assert a["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert len(stored(files_dir)) == 1 and "签约" not in stored(files_dir)[0]  # a random key, not the name

    download = client.get(f"/api/v1/attachments/{a['id']}/content", headers=token_for("office"))
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"] == \
        f"attachment; filename=\"____.pdf\"; filename*=UTF-8''{quote('签约合同.pdf')}"

    preview = client.get(f"/api/v1/attachments/{a['id']}/content?inline=1", headers=token_for("office"))
    assert preview.headers["content-disposition"].startswith("inline;")
    assert preview.headers["content-security-policy"].startswith("default-src 'none'")

    listed = client.get(f"{url}/attachments", headers=token_for("dcf_viewer"))  # the landing county sees it too
    assert listed.status_code == 200 and [x["id"] for x in listed.json()["data"]] == [a["id"]]


def test_another_unit_gets_404_by_record_and_by_file_id(client, token_for, project):
    url = f"/api/v1/projects/{project['id']}"
    a = upload(client, token_for("grp01_editor"), url).json()
    other = token_for("linqing_editor")
    assert client.get(f"{url}/attachments", headers=other).status_code == 404
    assert upload(client, other, url).status_code == 404
    assert client.get(f"/api/v1/attachments/{a['id']}/content", headers=other).status_code == 404
    assert client.delete(f"/api/v1/attachments/{a['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/attachments/{a['id'] + 1000}/content", headers=token_for("office")).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("unit_viewer", 403), ("leader", 403)])
def test_who_may_not_upload(client, headers_for, project, who, status, files_dir):
    response = upload(client, headers_for(who), f"/api/v1/projects/{project['id']}")
    assert response.status_code == status and response.headers["content-type"] == "application/problem+json"
    assert stored(files_dir) == []


def test_a_unit_that_sees_but_does_not_own_the_record_may_not_attach(client, token_for, project):
    refused = upload(client, token_for("dcf_editor"), f"/api/v1/projects/{project['id']}")  # the landing county
    assert refused.status_code == 403


def test_a_file_over_the_limit_is_refused_without_storing_it(client, token_for, project, settings, monkeypatch,
                                                             files_dir):
    url = f"/api/v1/projects/{project['id']}"
    monkeypatch.setattr(settings, "attachment_max_bytes", 4096)
    refused = upload(client, token_for("grp01_editor"), url, content=PDF + b"0" * 5000)
    assert refused.status_code == 413 and refused.json()["type"].endswith("/file-too-large")
    assert stored(files_dir) == []
    assert client.get(f"{url}/attachments", headers=token_for("grp01_editor")).json()["data"] == []


def test_a_21_mb_upload_is_refused_before_it_is_read(client, token_for, project, files_dir):
    big = PDF + b"0" * (21 * 1024 * 1024)
    refused = upload(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}", content=big)
    assert refused.status_code == 413 and refused.headers["content-type"] == "application/problem+json"
    assert stored(files_dir) == []


@pytest.mark.parametrize(("content", "name", "stored_as", "content_type"), [
    (PNG, "扫描件.pdf", "扫描件.png", "image/png"),  # the content decides, and the name follows it
    (DOCX, "合同", "合同.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "../../etc/照片.JPG", "照片.jpg", "image/jpeg"),
])
def test_the_type_comes_from_the_content(client, token_for, project, content, name, stored_as, content_type):
    response = upload(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}", content=content,
                      name=name, category="other")
    assert response.status_code == 201, response.text
    assert (response.json()["filename"], response.json()["content_type"]) == (stored_as, content_type)


@pytest.mark.parametrize("content", [EXE, DOCM, b"PK\x03\x04not really a zip", b"<html><script>1</script>",
                                     b"#!/bin/sh\nrm -rf /\n"])
def test_other_content_is_refused_whatever_its_name(client, token_for, project, content, files_dir):
    refused = upload(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}", content=content,
                     name="合同.pdf")
    assert refused.status_code == 415 and refused.json()["type"].endswith("/unsupported-file-type")
    assert stored(files_dir) == []


def test_an_unknown_category_or_a_missing_file_is_422(client, token_for, project):
    url = f"/api/v1/projects/{project['id']}/attachments"
    editor = token_for("grp01_editor")
    assert upload(client, editor, url.removesuffix("/attachments"), category="invoice").status_code == 422
    assert client.post(url, headers=editor, data={"category": "contract"}).status_code == 422
    assert client.post(url, headers=editor, json={"category": "contract"}).status_code == 422


def test_files_are_locked_with_the_record_once_submitted_or_verified(client, token_for, project):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    a = upload(client, editor, url).json()
    assert move(client, editor, url, "submit").status_code == 200
    for status in ("submitted", "verified"):
        refused = upload(client, editor, url)
        assert refused.status_code == 409 and refused.json()["type"].endswith("/record-locked"), status
        assert client.delete(f"/api/v1/attachments/{a['id']}", headers=editor).status_code == 409
        if status == "submitted":
            assert move(client, token_for("office"), url, "verify").status_code == 200
    assert move(client, token_for("office"), url, "reopen", "合同页缺失").status_code == 200
    assert client.delete(f"/api/v1/attachments/{a['id']}", headers=editor).status_code == 204


def test_the_history_of_the_record_keeps_each_files_sha256(client, token_for, project, files_dir):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    a = upload(client, editor, url).json()
    assert client.delete(f"/api/v1/attachments/{a['id']}", headers=editor).status_code == 204
    assert stored(files_dir) == []  # the bytes go once the removal is committed
    events = client.get(f"{url}/history", headers=editor).json()["data"]
    assert [e["action"] for e in events][:2] == ["detach", "attach"]
    detach, attach = events[0], events[1]
    digest = hashlib.sha256(PDF).hexdigest()
    assert attach["after"]["sha256"] == digest and attach["before"] is None
    assert detach["before"]["sha256"] == digest and detach["after"] is None
    assert attach["after"]["filename"] == "签约合同.pdf" and attach["actor_name"] == "grp01_editor"
    assert (attach["entity"], attach["entity_id"]) == ("project", str(project["id"]))
    assert client.get(f"/api/v1/attachments/{a['id']}/content", headers=editor).status_code == 404


def test_an_idempotent_retry_answers_the_same_file_once(client, token_for, project, files_dir):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    first = upload(client, editor, url, **{"Idempotency-Key": "upload-1"})
    again = upload(client, editor, url, **{"Idempotency-Key": "upload-1"})
    assert first.status_code == again.status_code == 201 and again.headers["Idempotency-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"] and len(stored(files_dir)) == 1
    other = upload(client, editor, url, content=PNG, **{"Idempotency-Key": "upload-1"})
    assert other.status_code == 422 and other.json()["type"].endswith("/idempotency-key-reused")


def test_enterprise_licences_are_shared_and_removed_by_their_unit_or_the_office(client, token_for, ent):
    url = f"/api/v1/enterprises/{ent.id}"
    a = upload(client, token_for("dcf_editor"), url, content=PNG, name="营业执照.png", category="other").json()
    assert client.get(f"/api/v1/attachments/{a['id']}/content", headers=token_for("linqing_editor")).status_code == 200
    assert client.delete(f"/api/v1/attachments/{a['id']}", headers=token_for("linqing_editor")).status_code == 403
    assert client.delete(f"/api/v1/attachments/{a['id']}", headers=token_for("office")).status_code == 204


def test_a_deleted_drafts_files_go_with_it(client, token_for, project, db):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    a = upload(client, editor, url).json()
    assert client.delete(url, headers=editor).status_code == 204
    assert db.exec(select(Attachment).where(Attachment.id == a["id"])).first() is None
    assert client.get(f"/api/v1/attachments/{a['id']}/content", headers=token_for("office")).status_code == 404
