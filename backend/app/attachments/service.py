"""Attaching, listing, downloading and removing files of records.

Every path reads the parent through its kind's visibility first (`kinds`), so a file is exactly as visible as
its record. Only the record's own unit attaches or removes, and only while the record may be edited (a
submitted or verified record's files are locked with it, 409 record-locked). Each add and removal is a row in
the parent's own audit history with the file's SHA-256.
"""

import hashlib
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlmodel import Session, col, select

from app.attachments import evidence
from app.attachments.kinds import BY_TABLE, Kind
from app.attachments.models import Attachment, Category
from app.attachments.sniff import HEAD_BYTES, PREVIEWABLE, FileType, download_name, sniff
from app.attachments.storage import CHUNK, Storage, new_key
from app.audit import service as audit
from app.authz.principal import Principal
from app.authz.scoping import writable_units
from app.core import jobs
from app.core.errors import AppError, Forbidden, NotFound
from app.records import service as records
from app.users.models import Role

MAX_NAME = 200


@dataclass(frozen=True)
class Received:
    """An upload copied to a private temp file, with what was learnt on the way."""

    path: Path
    size: int
    sha256: str
    head: bytes


@contextmanager
def receive(source: IO[bytes], max_bytes: int) -> Iterator[Received]:
    """Copies the upload chunk by chunk to a temp file while hashing it; never more than `max_bytes` + one chunk
    reaches the disk (413 beyond). The temp file is removed when the block ends."""
    digest, size, head = hashlib.sha256(), 0, b""
    with tempfile.NamedTemporaryFile(prefix="zs-upload-") as tmp:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise AppError(f"文件超过 {max_bytes // (1024 * 1024)} MB 上限", status=413, code="file-too-large")
            if len(head) < HEAD_BYTES:
                head += chunk[:HEAD_BYTES - len(head)]
            digest.update(chunk)
            tmp.write(chunk)
        tmp.flush()
        if size == 0:
            raise AppError("文件为空", status=422, code="empty-file")
        yield Received(Path(tmp.name), size, digest.hexdigest(), head)


def clean_name(name: str | None) -> str:
    """The name to show and offer on download: no folders, no control characters, at most 200 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    return base[-MAX_NAME:] or "附件"


def _summary(row: Attachment) -> dict[str, Any]:
    """What the parent's history keeps of a file: enough to prove which bytes were the evidence."""
    return {"attachment_id": row.id, "category": row.category, "filename": row.filename,
            "content_type": row.content_type, "size": row.size, "sha256": row.sha256}


def _ensure_may_change(principal: Principal, kind: Kind, parent: Any, row: Attachment | None = None) -> None:
    if kind.owned:
        records.ensure_owner_can_write(principal, parent)
        records.ensure_editable(parent)
    elif row is not None and not (row.unit_id in writable_units(principal)
                                  or (principal.kind == "user" and principal.role == Role.office)):
        raise Forbidden("只有上传该附件的单位或办公室可以删除")


def add(session: Session, principal: Principal, storage: Storage, kind: Kind, record_id: int, category: Category,
        filename: str | None, upload: Received) -> Attachment:
    parent = kind.load(session, record_id, principal, True)
    _ensure_may_change(principal, kind, parent)
    name = clean_name(filename)
    file_type: FileType | None = sniff(upload.path, upload.head, name)
    if file_type is None:
        raise AppError("不支持的文件类型：仅接受 PDF、JPEG、PNG 和 Office 文档（docx、xlsx、pptx、doc、xls、ppt）",
                       status=415, code="unsupported-file-type")
    key = new_key()
    storage.put(key, upload.path)
    row = Attachment(record_table=kind.table, record_id=record_id, unit_id=principal.unit_id, category=category,
                     filename=download_name(name, file_type)[-MAX_NAME:], content_type=file_type.content_type,
                     size=upload.size, sha256=upload.sha256, storage_key=key, created_by=principal.name[:100])
    session.add(row)
    session.flush()
    audit.note(session, parent, "attach", after=_summary(row))
    return row


def list_for(session: Session, principal: Principal, kind: Kind, record_id: int) -> tuple[list[Attachment],
                                                                                          list[Category]]:
    parent = kind.load(session, record_id, principal, False)
    rows = list(session.exec(select(Attachment).where(col(Attachment.record_table) == kind.table,
                                                      col(Attachment.record_id) == record_id)
                             .order_by(col(Attachment.id))))
    return rows, [Category(e["category"]) for e in evidence.missing(session, parent)]


def _visible(session: Session, principal: Principal, attachment_id: int, *, for_update: bool = False
             ) -> tuple[Attachment, Kind, Any]:
    """The file with its kind and parent, if the caller may see the parent; else 404 (a guessed id learns
    nothing)."""
    row = session.get(Attachment, attachment_id)
    kind = BY_TABLE.get(row.record_table) if row is not None else None
    if row is None or kind is None:
        raise NotFound()
    return row, kind, kind.load(session, row.record_id, principal, for_update)


def get(session: Session, principal: Principal, attachment_id: int) -> Attachment:
    return _visible(session, principal, attachment_id)[0]


def delete(session: Session, principal: Principal, storage: Storage, attachment_id: int) -> None:
    row, kind, parent = _visible(session, principal, attachment_id, for_update=True)
    _ensure_may_change(principal, kind, parent, row)
    summary = _summary(row)
    session.delete(row)
    session.flush()
    audit.note(session, parent, "detach", before=summary)
    jobs.after_commit(session, storage.delete, row.storage_key)  # the bytes go only once the removal is committed


def public(row: Attachment) -> dict[str, Any]:
    return {**row.model_dump(), "previewable": row.content_type in PREVIEWABLE}
