"""The storage interface: a folder (atomic, random keys only) and an S3-compatible bucket through boto3, tested
against moto's in-process S3; one test runs against a real endpoint when ZS_TEST_S3_ENDPOINT is set."""

import os
import uuid

import boto3
import pytest
from moto import mock_aws

from app.attachments import storage
from tests.attachments.conftest import PDF, upload


def roundtrip(store, tmp_path):
    source = tmp_path / "in.bin"
    source.write_bytes(PDF * 3000)
    key = storage.new_key()
    store.put(key, source)
    assert b"".join(store.chunks(key)) == PDF * 3000
    store.delete(key)
    store.delete(key)  # a missing object is no error
    return key


def test_local_storage_writes_atomically_under_random_keys(tmp_path):
    store = storage.LocalStorage(tmp_path / "files")
    roundtrip(store, tmp_path)
    assert [p for p in (tmp_path / "files").rglob("*") if p.is_file()] == []
    with pytest.raises(ValueError, match="not a storage key"):
        store.put("../../etc/passwd", tmp_path / "in.bin")


def test_s3_storage_with_moto(tmp_path):
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="zs-files")
        store = storage.S3Storage(client, "zs-files")
        key = roundtrip(store, tmp_path)
        store.put(key, tmp_path / "in.bin")
        assert client.list_objects_v2(Bucket="zs-files")["Contents"][0]["Key"] == f"attachments/{key}"


def test_the_api_stores_in_the_bucket_when_one_is_configured(client, token_for, project, settings, monkeypatch,
                                                              files_dir):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="zs-api")
        for name, value in {"s3_bucket": "zs-api", "s3_region": "us-east-1"}.items():
            monkeypatch.setattr(settings, name, value)
        a = upload(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}").json()
        assert client.get(f"/api/v1/attachments/{a['id']}/content", headers=token_for("office")).content == PDF
        assert not files_dir.exists()
        assert client.delete(f"/api/v1/attachments/{a['id']}", headers=token_for("grp01_editor")).status_code == 204
        assert boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket="zs-api").get("KeyCount") == 0


@pytest.mark.skipif(not os.environ.get("ZS_TEST_S3_ENDPOINT"), reason="set ZS_TEST_S3_ENDPOINT (+ bucket, keys) "
                    "to test against a real S3-compatible server such as MinIO")
def test_s3_storage_against_a_real_endpoint(tmp_path):
    client = boto3.client("s3", endpoint_url=os.environ["ZS_TEST_S3_ENDPOINT"],
                          aws_access_key_id=os.environ.get("ZS_TEST_S3_ACCESS_KEY_ID"),
                          aws_secret_access_key=os.environ.get("ZS_TEST_S3_SECRET_ACCESS_KEY"))
    bucket = os.environ.get("ZS_TEST_S3_BUCKET", "zs-test")
    roundtrip(storage.S3Storage(client, bucket, prefix=f"test-{uuid.uuid4().hex}/"), tmp_path)
