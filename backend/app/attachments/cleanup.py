"""A deleted draft's files go with it: the rows are removed (each noted in the draft's history as `detach`), so no
later record that might be given the same id (SQLite may reuse the highest id) inherits them. Their bytes stay in the
storage, unreferenced (random keys, never served again); called by `records.service.delete_draft`."""

from typing import Any

from sqlmodel import Session, col, select

from app.attachments.models import Attachment
from app.audit import service as audit


def forget_files_of(session: Session, record: Any) -> None:
    rows = session.exec(select(Attachment).where(col(Attachment.record_table) == type(record).__tablename__,
                                                 col(Attachment.record_id) == record.id)).all()
    for row in rows:
        audit.note(session, record, "detach", before={"attachment_id": row.id, "category": row.category,
                                                      "filename": row.filename, "sha256": row.sha256})
        session.delete(row)
    session.flush()
