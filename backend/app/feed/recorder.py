"""Writes each flushed change of a record to the feed, in the transaction of the change. Called once per flush by
the audit hook (app.audit.service), which already sees every write, so no code path can skip the feed."""

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Insert, insert, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col

from app.core.time import utcnow
from app.feed.models import FeedChange, RecordKind

KINDS = frozenset(RecordKind)
_XID = text("pg_current_xact_id()::text::bigint")
Change = tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]  # action, row, before, after


@lru_cache(maxsize=8)
def _insert(postgresql: bool, also: ColumnElement[Any] | None) -> Insert:
    """Built once per dialect and extra column: every write runs it. PostgreSQL: the xid in the INSERT (the
    reader's safe horizon is in transaction ids), no round trip for it."""
    stmt = insert(FeedChange).returning(col(FeedChange.id), *([] if also is None else [also]),
                                        sort_by_parameter_order=True)
    return stmt.values(xid=_XID) if postgresql else stmt


def record_changes(session: OrmSession, changes: Sequence[Change],
                   also: ColumnElement[Any] | None = None) -> list[tuple[int, Any]]:
    """Writes the feed's rows for these changes: each row's id (for the webhook outbox), and beside it the value
    of `also` (None without it; the outbox asks whether any subscription is active: no statement of its own)."""
    now = utcnow()
    rows = []
    for action, obj, before, after in changes:
        kind = type(obj).__tablename__
        snap = after or before
        if kind not in KINDS or snap is None:
            continue
        rows.append({"at": now, "kind": kind, "record_id": snap["id"], "action": action,
                     "unit_id": snap.get("unit_id"), "version": snap.get("version")})
    if not rows:
        return []
    conn = session.connection()
    postgresql = conn.dialect.name == "postgresql"
    written = conn.execute(_insert(postgresql, also), rows if postgresql else [{**row, "xid": 0} for row in rows])
    return [(row[0], None if also is None else row[1]) for row in written]
