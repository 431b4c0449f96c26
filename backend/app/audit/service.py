"""Writes the audit history in the same transaction as the change, and verifies the chain.

Services never call this directly: any flushed change to an `Audited` table is recorded, so a new
code path cannot forget to. Services may name the action (e.g. "verify") via `set_action`, and write a row
into a record's history for a change kept outside its row (an attached file) via `note`.

Each flush notes its rows in memory (per savepoint, so a rolled-back savepoint takes its rows with it);
the transaction appends them to the chain as the very last thing before COMMIT. Only that append is
serialised (a transaction-scoped advisory lock on PostgreSQL, released by the COMMIT right after it), so
writers of the whole city do not queue behind each other's transactions. The chain lock is the last lock
any transaction takes and nothing is locked after it, so it can never be part of a deadlock. Ids are
drawn under the lock, so id order is commit order is chain order.
"""

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import col

from app.audit.models import AuditEvent
from app.authz.principal import SYSTEM, Principal
from app.core.models import Audited
from app.core.time import utcnow

GENESIS = "0" * 64
REDACTED = "***"
_PG_LOCK_KEY = 7_420_018  # serialises chain appends across PostgreSQL transactions
_PENDING = "audit_pending"  # session.info: SessionTransaction → rows noted by its flushes
_COMMITTED = "audit_committed"  # session.info: ids of savepoints released (their rows move to the parent)
_SEALED = "audit_sealed"  # session.info: the chain was appended; a later flush would go unrecorded


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def canonical(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps({k: _jsonable(v) for k, v in data.items()}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def row_hash(row: dict[str, Any]) -> str:
    fields = ["at", "actor_type", "actor_id", "actor_name", "unit_id", "request_id", "client_addr",
              "action", "entity", "entity_id", "before", "after", "prev_hash"]
    payload = json.dumps([_jsonable(row[f]) for f in fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def set_action(session: OrmSession, obj: Any, action: str) -> None:
    """Name the next recorded change of `obj` (default: create / update / delete)."""
    session.info.setdefault("audit_actions", {})[id(obj)] = action


def _snapshot(obj: Any, *, old: bool) -> dict[str, Any]:
    state = inspect(obj)
    redact = type(obj).__audit_redact__
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        value = getattr(obj, key)
        if old:
            hist = state.attrs[key].history
            if hist.has_changes():
                value = hist.deleted[0] if hist.deleted else None
        out[key] = REDACTED if key in redact and value is not None else value
    return out


def _entity_id(obj: Any) -> str:
    ident = inspect(obj).identity or inspect(obj).mapper.primary_key_from_instance(obj)
    return ":".join(str(v) for v in ident)


def _unit_of(obj: Any) -> int | None:
    unit_id = getattr(obj, "unit_id", None)
    if unit_id is None and type(obj).__tablename__ == "unit":
        unit_id = getattr(obj, "id", None)
    return unit_id


def _pending_changes(session: OrmSession) -> Iterator[tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]]:
    actions = session.info.get("audit_actions", {})
    for obj in session.new:
        if isinstance(obj, Audited):
            yield actions.pop(id(obj), "create"), obj, None, _snapshot(obj, old=False)
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            before, after = _snapshot(obj, old=True), _snapshot(obj, old=False)
            if any(before[k] != after[k] for k in before if k not in type(obj).__audit_ignore__):
                yield actions.pop(id(obj), "update"), obj, before, after
    for obj in session.deleted:
        if isinstance(obj, Audited):
            yield actions.pop(id(obj), "delete"), obj, _snapshot(obj, old=True), None


def _last_hash(conn: Connection) -> str:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    last = conn.execute(select(col(AuditEvent.hash)).order_by(col(AuditEvent.id).desc()).limit(1)).scalar()
    return last or GENESIS


def _current(session: OrmSession) -> SessionTransaction:
    trans = session.get_nested_transaction() or session.get_transaction()
    assert trans is not None
    return trans


@event.listens_for(OrmSession, "after_flush")
def _note_changes(session: OrmSession, _flush_context: Any) -> None:
    changes = list(_pending_changes(session))
    if not changes:
        return
    if session.info.get(_SEALED):
        raise RuntimeError("a change was flushed after the audit chain was appended: it would go unrecorded")
    for action, obj, before, after in changes:
        _append_note(session, action, type(obj).__tablename__, _entity_id(obj), _unit_of(obj), before, after)


def _append_note(session: OrmSession, action: str, entity: str, entity_id: str, unit_id: int | None,
                 before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    actor: Principal = session.info.get("actor") or SYSTEM
    session.info.setdefault(_PENDING, {}).setdefault(_current(session), []).append({
        "at": utcnow(), "actor_type": actor.kind, "actor_id": actor.id, "actor_name": actor.name[:100],
        "unit_id": unit_id, "request_id": session.info.get("request_id"),
        "client_addr": session.info.get("client_addr"), "action": action, "entity": entity, "entity_id": entity_id,
        "before": canonical(before), "after": canonical(after),
    })


def note(session: OrmSession, record: Any, action: str, *, before: dict[str, Any] | None = None,
         after: dict[str, Any] | None = None) -> None:
    """An explicit row in `record`'s own history for a change kept outside its row (a file attached to it or
    removed), written with the transaction like every other row."""
    if session.info.get(_SEALED):
        raise RuntimeError("a note after the audit chain was appended would go unrecorded")
    _append_note(session, action, type(record).__tablename__, _entity_id(record), _unit_of(record), before, after)


@event.listens_for(OrmSession, "after_commit")
def _savepoint_released(session: OrmSession) -> None:
    # fires for a released savepoint too, while it is still the session's current transaction
    session.info.setdefault(_COMMITTED, set()).add(id(_current(session)))


@event.listens_for(OrmSession, "after_transaction_end")
def _transaction_ended(session: OrmSession, trans: SessionTransaction) -> None:
    """A released savepoint hands its rows to its parent; a rolled-back one drops them; the root clears all."""
    pending: dict[SessionTransaction, list[dict[str, Any]]] = session.info.get(_PENDING, {})
    committed: set[int] = session.info.get(_COMMITTED, set())
    rows = pending.pop(trans, [])
    released = id(trans) in committed
    committed.discard(id(trans))
    if trans.parent is None:
        for key in (_PENDING, _COMMITTED, _SEALED):
            session.info.pop(key, None)
    elif released and rows:
        pending.setdefault(trans.parent, []).extend(rows)


@event.listens_for(OrmSession, "before_commit")
def _before_commit(session: OrmSession) -> None:
    if session.in_nested_transaction():
        return  # a savepoint being released: its rows wait for the transaction's own COMMIT
    session.flush()
    append_pending(session)


def append_pending(session: OrmSession) -> None:
    """Appends the transaction's noted rows to the chain: the last step before COMMIT (see the module doc)."""
    pending: dict[SessionTransaction, list[dict[str, Any]]] = session.info.get(_PENDING, {})
    rows = [row for trans in list(pending) for row in pending.pop(trans)]
    session.info[_SEALED] = True
    if not rows:
        return
    conn = session.connection()
    prev = _last_hash(conn)
    for row in rows:
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(row)
    conn.execute(insert(AuditEvent), rows)


def verify_chain(conn: Connection, batch: int = 5000) -> tuple[int, list[str]]:
    """Walks the chain in id order; returns (rows checked, problems found)."""
    problems: list[str] = []
    prev, last_id, count = GENESIS, 0, 0
    cols = [c for c in AuditEvent.__table__.c]  # type: ignore[attr-defined]  # SQLModel sets __table__ on table models
    while True:
        result = conn.execute(select(*cols).where(col(AuditEvent.id) > last_id).order_by(col(AuditEvent.id))
                              .limit(batch))
        rows = [r._asdict() for r in result]
        if not rows:
            return count, problems
        for r in rows:
            count += 1
            if r["prev_hash"] != prev:
                problems.append(f"#{r['id']}: 链断裂（前一条记录被删除或改动）")
            if row_hash(r) != r["hash"]:
                problems.append(f"#{r['id']}: 内容与哈希不符（记录被改动）")
            prev, last_id = r["hash"], r["id"]
