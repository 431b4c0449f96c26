"""Where the bytes of attachments live, behind one small interface: a folder on disk (the embedded default,
backed up with the database) or an S3-compatible bucket (production). Keys are random, made here — a file's
name never becomes a path or an object key."""

import os
import secrets
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.config import Settings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

CHUNK = 64 * 1024


def new_key() -> str:
    return secrets.token_hex(20)


def _is_key(key: str) -> bool:
    return len(key) == 40 and all(c in "0123456789abcdef" for c in key)


def _checked(key: str) -> str:
    if not _is_key(key):
        raise ValueError("not a storage key")
    return key


class Storage(Protocol):
    def put(self, key: str, source: Path) -> None:
        """Stores the finished temp file `source` under `key` (atomically: readers never see half a file)."""

    def chunks(self, key: str) -> Iterator[bytes]:
        """The stored bytes, a chunk at a time."""

    def delete(self, key: str) -> None:
        """Removes the object; a missing one is no error."""

    def listing(self) -> Iterator[tuple[str, datetime]]:
        """Every stored key with when it was last written (UTC), for the sweep of orphaned bytes."""


class LocalStorage:
    """A folder; each file is written to a temp name in the same folder and moved into place by os.replace."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        key = _checked(key)
        return self.root / key[:2] / key

    def put(self, key: str, source: Path) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(CHUNK):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def chunks(self, key: str) -> Iterator[bytes]:
        with self._path(key).open("rb") as f:
            while chunk := f.read(CHUNK):
                yield chunk

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def listing(self) -> Iterator[tuple[str, datetime]]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/*"):
            if _is_key(path.name) and path.parent.name == path.name[:2]:  # not an upload's temp file
                yield path.name, datetime.fromtimestamp(path.stat().st_mtime, UTC)


class S3Storage:
    """An S3-compatible bucket through boto3 (AWS, MinIO, Ceph …); a PUT of a whole object is atomic there."""

    def __init__(self, client: "S3Client", bucket: str, prefix: str = "attachments/") -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def put(self, key: str, source: Path) -> None:
        self.client.upload_file(str(source), self.bucket, self.prefix + _checked(key))

    def chunks(self, key: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=self.prefix + _checked(key))["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + _checked(key))

    def listing(self) -> Iterator[tuple[str, datetime]]:
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix):
            for obj in page.get("Contents", []):
                key = obj["Key"].removeprefix(self.prefix)
                if _is_key(key):
                    yield key, obj["LastModified"]


def s3_client(settings: Settings) -> "S3Client":
    import boto3  # only where a bucket is configured

    kwargs: dict[str, Any] = {"endpoint_url": settings.s3_endpoint_url or None,
                              "region_name": settings.s3_region or None}
    if settings.s3_access_key_id and settings.s3_secret_access_key:
        kwargs["aws_access_key_id"] = settings.s3_access_key_id
        kwargs["aws_secret_access_key"] = settings.s3_secret_access_key.get_secret_value()
    return boto3.client("s3", **kwargs)


_cache: dict[tuple[str, str, str], Storage] = {}


def for_settings(settings: Settings) -> Storage:
    """The folder beside the database unless a bucket is configured (ZS_S3_BUCKET)."""
    ident = (settings.s3_bucket, str(settings.s3_endpoint_url), str(settings.files_dir))
    if ident not in _cache:
        _cache[ident] = (S3Storage(s3_client(settings), settings.s3_bucket) if settings.s3_bucket
                         else LocalStorage(settings.files_dir / "attachments"))
    return _cache[ident]
