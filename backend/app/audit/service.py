"""Writes the audit history in the same transaction as the change, and verifies the chain.

Services never call this directly: any flushed change to an `Audited` table is recorded, so a new
code path cannot forget to. Services may name the action (e.g. "verify") via `set_action`, and write a row
into a record's history for a change kept outside its row (an attached file) via `note`.

Each flush notes its rows in memory (per savepoint, so a rolled-back savepoint takes its rows with it);
the transaction appends them to the chain as the very last thing before COMMIT.

The history is `STREAMS` hash chains side by side (`audit_event.stream`); a transaction appends all its rows
to one of them. Each stream is serialised by a transaction-scoped advisory lock of its own on PostgreSQL,
released by the COMMIT right after the append: a transaction takes the first stream no other transaction is
appending to (it tries each without waiting, from a random one), and waits only when all are busy. So
writers of the whole city commit side by side, not one after another. A stream's lock is the last lock any
transaction takes and nothing is locked after it, so it can never be part of a deadlock. Ids are drawn
under the lock, so within a stream id order is commit order is chain order.

What the chains prove (`verify_chain`, and `anchors` for what only an outside copy can): every row's hash
covers its content and the hash of the row before it in its stream, so a row changed, removed, or moved to
another stream breaks its stream at that point. As with one chain, removing a stream's newest rows leaves
no trace in the chain itself; a checkpoint (`anchors.checkpoint`) records every stream's head.
"""

import hashlib
import json
import random
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, event, insert, inspect, select, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import col

from app.audit.models import AuditEvent
from app.authz.principal import SYSTEM, Principal
from app.core import locks
from app.core.models import Audited
from app.core.time import utcnow

GENESIS = "0" * 64
STREAMS = 16  # chains written side by side; rows from before the streams are in stream 0
STREAM = "audit_stream"  # session.info: a stream to append to (tests); default: the first free one
REDACTED = "***"
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


def _owner_of(obj: Any) -> tuple[str | None, int | None]:
    """The record a child row belongs to: the table its first key column references, when its key has
    several columns (project_credit (project_id, unit_id) → the project)."""
    key = inspect(obj).mapper.primary_key
    if len(key) < 2 or not key[0].foreign_keys:
        return None, None
    (fk,) = key[0].foreign_keys
    value = getattr(obj, key[0].key)
    return (fk.column.table.name, int(value)) if value is not None else (None, None)


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


_LOCK = text("SELECT pg_advisory_xact_lock(:k, :s)")
_TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(:k, :s)")


def _take_stream(conn: Connection, wanted: int | None) -> int:
    """A stream to append to, locked for this transaction on PostgreSQL: `wanted`, or the first one that no
    other transaction holds (tried without waiting, from a random one), or a random one waited for."""
    if conn.dialect.name != "postgresql":
        return wanted or 0  # SQLite: one writer at a time, one chain
    if wanted is not None:
        conn.execute(_LOCK, {"k": locks.AUDIT_CHAIN, "s": wanted})
        return wanted
    start = random.randrange(STREAMS)  # noqa: S311 - spreads writers, not a secret
    for n in range(STREAMS):
        stream = (start + n) % STREAMS
        if conn.execute(_TRY_LOCK, {"k": locks.AUDIT_CHAIN, "s": stream}).scalar():
            return stream
    conn.execute(_LOCK, {"k": locks.AUDIT_CHAIN, "s": start})
    return start


def newest_in(stream: int, *columns: Any) -> Select[Any]:
    """`columns` of the stream's newest row: one index probe (`ix_audit_event_stream`)."""
    return select(*columns).where(col(AuditEvent.stream) == stream).order_by(col(AuditEvent.id).desc()).limit(1)


@lru_cache(maxsize=STREAMS)
def _head(stream: int) -> Select[Any]:
    return newest_in(stream, col(AuditEvent.hash))  # built once per stream: every write runs one


def _last_hash(conn: Connection, stream: int) -> str:
    return conn.execute(_head(stream)).scalar() or GENESIS


def newest_hashes() -> list[Any]:
    """Each stream's newest hash, as scalar subqueries for one statement: any commit anywhere moves one of
    them (an id alone would not do: SQLite gives a rolled-back id out again)."""
    return [_head(stream).scalar_subquery() for stream in range(STREAMS)]


def _current(session: OrmSession) -> SessionTransaction:
    trans = session.get_nested_transaction() or session.get_transaction()
    assert trans is not None
    return trans


def _note_changes(session: OrmSession, _flush_context: Any) -> None:
    changes = list(_pending_changes(session))
    if not changes:
        return
    if session.info.get(_SEALED):
        raise RuntimeError("a change was flushed after the audit chain was appended: it would go unrecorded")
    for listener in CHANGE_LISTENERS:  # e.g. the change feed and the webhook outbox (feed.recorder)
        listener(session, changes)
    for action, obj, before, after in changes:
        _append_note(session, action, obj, before, after)


def _append_note(session: OrmSession, action: str, obj: Any, before: dict[str, Any] | None,
                 after: dict[str, Any] | None) -> None:
    actor: Principal = session.info.get("actor") or SYSTEM
    session.info.setdefault(_PENDING, {}).setdefault(_current(session), []).append({
        "at": utcnow(), "actor_type": actor.kind, "actor_id": actor.id, "actor_name": actor.name[:100],
        "unit_id": _unit_of(obj), "request_id": session.info.get("request_id"),
        "client_addr": session.info.get("client_addr"), "action": action,
        "entity": type(obj).__tablename__, "entity_id": _entity_id(obj),
        "before": canonical(before), "after": canonical(after),
        **dict(zip(("owner_entity", "owner_id"), _owner_of(obj), strict=True)),
    })


def note(session: OrmSession, record: Any, action: str, *, before: dict[str, Any] | None = None,
         after: dict[str, Any] | None = None) -> None:
    """An explicit row in `record`'s own history for a change kept outside its row (a file attached to it or
    removed), written with the transaction like every other row."""
    if session.info.get(_SEALED):
        raise RuntimeError("a note after the audit chain was appended would go unrecorded")
    _append_note(session, action, record, before, after)


def _savepoint_released(session: OrmSession) -> None:
    # fires for a released savepoint too, while it is still the session's current transaction
    session.info.setdefault(_COMMITTED, set()).add(id(_current(session)))


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


def _before_commit(session: OrmSession) -> None:
    if session.in_nested_transaction():
        return  # a savepoint being released: its rows wait for the transaction's own COMMIT
    session.flush()
    append_pending(session)


_HOOKS = (("after_flush", _note_changes), ("after_commit", _savepoint_released),
          ("after_transaction_end", _transaction_ended), ("before_commit", _before_commit))


ChangeListener = Callable[[OrmSession, Sequence[tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]]], None]
# What else is written in the same transaction as each audited change, registered at start-up (app/hooks.py) so
# that the audit imports none of it: the change feed and its webhook outbox.
CHANGE_LISTENERS: list[ChangeListener] = []


def install(*listeners: ChangeListener) -> None:
    """Records every write of every session from now on (idempotent); called once at start-up by app/hooks.py."""
    for name, fn in _HOOKS:
        if not event.contains(OrmSession, name, fn):
            event.listen(OrmSession, name, fn)
    for listener in listeners:
        if listener not in CHANGE_LISTENERS:
            CHANGE_LISTENERS.append(listener)


_INSERT = insert(AuditEvent)


def append_pending(session: OrmSession) -> None:
    """Appends the transaction's noted rows to the chain: the last step before COMMIT (see the module doc)."""
    pending: dict[SessionTransaction, list[dict[str, Any]]] = session.info.get(_PENDING, {})
    rows = [row for trans in list(pending) for row in pending.pop(trans)]
    session.info[_SEALED] = True
    if not rows:
        return
    conn = session.connection()
    stream = _take_stream(conn, session.info.get(STREAM))
    prev = _last_hash(conn, stream)
    for row in rows:
        row["stream"] = stream
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(row)
    conn.execute(_INSERT, rows)


def verify_chain(conn: Connection, batch: int = 5000) -> tuple[int, list[str]]:
    """Walks the chains in id order, each row against the one before it in its stream; returns (rows checked,
    problems found). One statement, so one snapshot: a stream's rows committed while it runs are left out as a
    whole (an earlier id still being committed in one stream never looks like a gap)."""
    problems: list[str] = []
    count = 0
    heads: dict[int, str] = {}  # stream → hash of its newest row so far
    cols = [c for c in AuditEvent.__table__.c]  # type: ignore[attr-defined]  # SQLModel sets __table__ on table models
    result = conn.execute(select(*cols).order_by(col(AuditEvent.id)),
                          execution_options={"stream_results": True, "yield_per": batch})
    for row in result:
        r = row._asdict()
        count += 1
        if r["prev_hash"] != heads.get(r["stream"], GENESIS):
            problems.append(f"#{r['id']}: 链断裂（前一条记录被删除或改动）")
        if row_hash(r) != r["hash"]:
            problems.append(f"#{r['id']}: 内容与哈希不符（记录被改动）")
        heads[r["stream"]] = r["hash"]
    return count, problems
