"""Stored bytes whose row is gone — a deleted draft's files, an upload whose transaction rolled back — are swept
once older than the grace period; bytes a row names, and young ones (an upload about to commit), stay. On a
folder and on an S3 bucket (moto)."""

import os
import time
from datetime import timedelta

import boto3
from moto import mock_aws

from app.attachments import cleanup, storage
from app.attachments import jobs as attachment_jobs
from app.core import jobs
from app.core.time import utcnow
from tests.attachments.conftest import PDF, stored, upload


def _age(folder, name, hours):
    """Backdates a stored file's modification time."""
    path = next(p for p in folder.rglob(name))
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_a_deleted_drafts_files_are_swept_after_the_grace_period(client, token_for, project, db, files_dir):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    assert upload(client, editor, url).status_code == 201
    assert upload(client, editor, url, name="照片.pdf", category="other").status_code == 201
    assert len(stored(files_dir)) == 2
    # the draft is deleted: its rows go, its bytes stay unreferenced
    assert client.delete(url, headers=editor).status_code == 204
    assert len(stored(files_dir)) == 2
    store = storage.LocalStorage(files_dir)
    assert cleanup.sweep_orphans(db, store, older_than=utcnow() - timedelta(hours=24)) == 0  # young: kept
    for name in stored(files_dir):
        _age(files_dir, name, 25)
    assert cleanup.sweep_orphans(db, store, older_than=utcnow() - timedelta(hours=24)) == 2
    assert stored(files_dir) == []


def test_bytes_a_row_names_stay(client, token_for, project, db, files_dir):
    a = upload(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}").json()
    (name,) = stored(files_dir)
    _age(files_dir, name, 24 * 30)
    assert cleanup.sweep_orphans(db, storage.LocalStorage(files_dir), older_than=utcnow() - timedelta(hours=1)) == 0
    assert client.get(f"/api/v1/attachments/{a['id']}/content", headers=token_for("office")).content == PDF


def test_an_upload_rolled_back_after_storing_leaves_bytes_the_sweep_removes(client, token_for, project, db,
                                                                           files_dir, monkeypatch):
    """The bytes are stored before the row is written; a failure after that rolls the row back, not the bytes."""
    from app.audit import service as audit

    def fail(*_args, **_kwargs):
        raise RuntimeError("the database went away mid-request")

    monkeypatch.setattr(audit, "note", fail)
    response = upload(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}")
    assert response.status_code == 500
    (name,) = stored(files_dir)
    _age(files_dir, name, 48)
    monkeypatch.undo()
    assert cleanup.sweep_orphans(db, storage.LocalStorage(files_dir), older_than=utcnow() - timedelta(hours=24)) == 1
    assert stored(files_dir) == []


def test_the_daily_job_sweeps_with_the_configured_grace(client, token_for, project, connection, files_dir,
                                                        settings, monkeypatch):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    upload(client, editor, url)
    assert client.delete(url, headers=editor).status_code == 204
    (name,) = stored(files_dir)
    monkeypatch.setattr(settings, "attachment_orphan_grace_hours", 6)
    monkeypatch.setattr(attachment_jobs, "get_settings", lambda: settings)
    with jobs.running_on(connection):
        _age(files_dir, name, 5)
        assert attachment_jobs.sweep_orphaned_files.call_local() == 0
        _age(files_dir, name, 7)
        assert attachment_jobs.sweep_orphaned_files.call_local() == 1
    assert stored(files_dir) == []


def test_the_sweep_on_an_s3_bucket(client, token_for, project, db, settings, monkeypatch, tmp_path):
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="zs-sweep")
        for name, value in {"s3_bucket": "zs-sweep", "s3_region": "us-east-1"}.items():
            monkeypatch.setattr(settings, name, value)
        editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
        kept = upload(client, editor, url).json()
        store = storage.S3Storage(s3, "zs-sweep")
        orphan = storage.new_key()
        source = tmp_path / "orphan.pdf"
        source.write_bytes(PDF)
        store.put(orphan, source)
        s3.put_object(Bucket="zs-sweep", Key="attachments/not-a-key", Body=b"x")  # never ours to delete
        assert sorted(k for k, _ in store.listing()) == sorted([orphan, _key_of(db, kept["id"])])
        assert cleanup.sweep_orphans(db, store, older_than=utcnow() - timedelta(hours=1)) == 0  # young
        assert cleanup.sweep_orphans(db, store, older_than=utcnow() + timedelta(minutes=1)) == 1
        keys = {o["Key"] for o in s3.list_objects_v2(Bucket="zs-sweep")["Contents"]}
        assert keys == {f"attachments/{_key_of(db, kept['id'])}", "attachments/not-a-key"}


def _key_of(db, attachment_id):
    from app.attachments.models import Attachment

    return db.get(Attachment, attachment_id).storage_key
