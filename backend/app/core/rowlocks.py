"""The rows a session's transaction holds locked, so that locking one again costs no round trip.

A record read `FOR UPDATE` by its route and then locked again by the rollup upkeep, or an enterprise that 500
records of a batch all name, is locked once. Each lock is noted under the (sub)transaction that took it: a
savepoint rolled back releases its row locks, and with it goes out of reach here — only the current
transaction and its parents are consulted, so nothing needs a rollback hook. A savepoint released into its
parent keeps its locks but its notes are no longer consulted: at worst a row is locked a second time.
"""

from collections.abc import Iterable
from typing import Literal
from weakref import WeakKeyDictionary

from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction

Mode = Literal["update", "share"]
_KEY = "row_locks"


def _notes(session: OrmSession) -> "WeakKeyDictionary[SessionTransaction, dict[tuple[str, int], Mode]]":
    notes = session.info.get(_KEY)
    if notes is None:
        notes = session.info[_KEY] = WeakKeyDictionary()
    return notes


def _chain(session: OrmSession) -> list[SessionTransaction]:
    trans = session.get_nested_transaction() or session.get_transaction()
    chain = []
    while trans is not None:
        chain.append(trans)
        trans = trans.parent
    return chain


def held(session: OrmSession, table: str, row_id: int) -> Mode | None:
    """How this transaction holds the row locked: "update", "share", or not at all (None)."""
    notes = _notes(session)
    found: Mode | None = None
    for trans in _chain(session):
        mode = notes.get(trans, {}).get((table, row_id))
        if mode == "update":
            return mode
        found = found or mode
    return found


def note(session: OrmSession, table: str, ids: Iterable[int], mode: Mode) -> None:
    """Rows just locked (`FOR UPDATE`: "update"; `FOR SHARE`: "share") by the current transaction."""
    chain = _chain(session)
    if not chain:
        return
    mine = _notes(session).setdefault(chain[0], {})
    for row_id in ids:
        if mine.get((table, row_id)) != "update":
            mine[(table, row_id)] = mode
