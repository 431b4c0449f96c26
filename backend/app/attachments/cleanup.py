"""Files whose rows are gone. A deleted draft's files go with it: the rows are removed (each noted in the draft's
history as `detach`), so no later record that might be given the same id (SQLite may reuse the highest id) inherits
them; called by `records.service.delete_draft`. Their bytes — and those of an upload whose transaction rolled back
after the bytes were stored — are left unreferenced (random keys, never served) until `sweep_orphans`, run daily by
the worker (`jobs.py`), deletes every stored object no row names once it is older than a grace period (an upload
stores its bytes moments before its row commits, so a young object may still be about to be named)."""

from collections.abc import Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from sqlmodel import Session, col, select

from app.attachments.models import Attachment
from app.attachments.storage import Storage
from app.audit import service as audit

BATCH = 500


def forget_files_of(session: Session, record: Any) -> None:
    rows = session.exec(select(Attachment).where(col(Attachment.record_table) == type(record).__tablename__,
                                                 col(Attachment.record_id) == record.id)).all()
    for row in rows:
        audit.note(session, record, "detach", before={"attachment_id": row.id, "category": row.category,
                                                      "filename": row.filename, "sha256": row.sha256})
        session.delete(row)
    session.flush()


def _batches(stored: Iterator[tuple[str, datetime]]) -> Iterator[list[tuple[str, datetime]]]:
    while batch := list(islice(stored, BATCH)):
        yield batch


def sweep_orphans(session: Session, storage: Storage, *, older_than: datetime) -> int:
    """Deletes the stored objects written before `older_than` that no attachment row names; how many."""
    removed = 0
    for batch in _batches(storage.listing()):
        old = [key for key, written in batch if written < older_than]
        if not old:
            continue
        named = set(session.exec(select(col(Attachment.storage_key)).where(col(Attachment.storage_key).in_(old))))
        for key in old:
            if key not in named:
                storage.delete(key)
                removed += 1
    return removed
