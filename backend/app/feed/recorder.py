"""Writes each flushed change of a record to the feed, in the transaction of the change. Called once per flush by
the audit hook (app.audit.service), which already sees every write, so no code path can skip the feed."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col

from app.core.models import pks
from app.core.time import utcnow
from app.feed.models import FeedChange, RecordKind

KINDS = frozenset(RecordKind)
_XID = text("pg_current_xact_id()::text::bigint")
_INSERT = insert(FeedChange).returning(col(FeedChange.id), sort_by_parameter_order=True)  # built once: every write
_INSERT_WITH_XID = _INSERT.values(xid=_XID)  # PostgreSQL: the reader's safe horizon is in transaction ids
Change = tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]  # action, row, before, after


def record_changes(session: OrmSession, changes: Sequence[Change]) -> list[int]:
    """Writes the feed's rows for these changes; their ids, for the webhook outbox."""
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
    if conn.dialect.name == "postgresql":
        return list(pks(conn.execute(_INSERT_WITH_XID, rows).scalars()))  # the xid in the INSERT: no round trip
    return list(pks(conn.execute(_INSERT, [{**row, "xid": 0} for row in rows]).scalars()))
