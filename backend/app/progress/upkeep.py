"""Keeps the rollups equal to the records on every write, by the delta of the records that changed.

A write changes the *contribution* of some records to the metrics: the rows `metric.rows` yields for them.
Those records are the transaction's *roots* — a visit, lead, event, project or funds report written, and
for a changed enterprise or project the records whose rows read it. Before a flush changes a root, its
contribution is read (the rows the metric's own SQL gives, restricted to the root's id); at commit it is
read again, and the difference is upserted onto the rollup rows of its grain (unique key), day and month.
Nothing recomputes a day or a month, and no lock spans the city:

- A root is locked (`FOR UPDATE`) before its contribution is read, so a concurrent writer of the same
  record, or of an enterprise or project it reads, waits for this one and then reads the committed
  state. A record newly linked to an enterprise or project locks that parent `FOR SHARE`, so the parent
  cannot change underneath a contribution that a concurrent enterprise writer cannot yet see.
  Locks go parents first (enterprises, then projects), then roots, each set sorted in one statement.
- Rollup rows are upserted sorted by their key, and writers hold the rebuild lock *shared*: only a full
  rebuild (a unit changing type, `progress-rollup --rebuild`) excludes them, briefly.
- A change of counting rules between a root's first read and the commit cannot be given a delta (the
  before was counted under other rules): the transaction is refused as retryable.

What to watch and where to walk is derived from the metrics' declarations (`Metric.reads`,
progress/reads.py): the tables any metric reads, the parts of a record (a project's credit shares), and the
parents a record reads (a visit's enterprise, a funds report's project). The hooks are not installed by
importing this module: `install()` is called at start-up (app/hooks.py).

Changes made outside the ORM (bulk UPDATE, COPY) are not seen: run `zhaoshang progress-rollup --rebuild`.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Column,
    Table,
    bindparam,
    delete,
    event,
    func,
    inspect,
    literal,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql import CompoundSelect, visitors
from sqlmodel import SQLModel, col

from app.core import rowlocks
from app.core.dbfaults import RetryableError
from app.core.observability import UPKEEP
from app.core.types import RawSum
from app.core.typing import AnySelect
from app.progress.metrics import REGISTRY, Metric
from app.progress.models import ProgressRollup, ProgressRollupMonth, ProgressRollupSlice
from app.progress.reads import Everything, Parent, Part, column_name, tables, undeclared
from app.progress.slices import ALL_TIME, lock_exclusively, lock_shared
from app.progress.sqlfuncs import month_of
from app.targets import rules as rules_mod
from app.targets.models import RuleVersion
from app.targets.rules import Rules

LOCK_ORDER = ("enterprise", "project", "event", "funds_report", "lead", "visit")  # parents, then records
_TRACKED = "rollup_tracked"
Grain = tuple[date, int, str, str]  # day, unit (0: none), status, region ('': none)
Sums = dict[int, dict[Grain, list[Any]]]  # slice id → grain → [raw, n]


class RulesChangedDuringWrite(RetryableError):  # noqa: N818 - a condition, retried by the server
    """A slice appeared (the rules changed) between a root's first read and the commit: its delta cannot be
    known, so the whole request is retried."""


@dataclass(frozen=True)
class Piece:
    """A slice as upkeep needs it."""

    id: int
    metric: Metric
    city: bool
    rules: Rules
    built_until: date | None
    rules_json: str  # as stored: what keys the statements built for these rules


@dataclass
class Tracked:
    """What this transaction has changed that the rollups depend on."""

    known: set[int] | None = None  # the slices every root's before was read for
    roots: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    before: Sums = field(default_factory=lambda: defaultdict(dict))  # roots' contributions before this transaction
    everything: bool = False  # a unit changed type: every slice is rebuilt
    pieces: list[Piece] | None = None  # the slices as the first flush read them (commit reads them again)
    read: dict[str, frozenset[str]] | None = None  # the columns those slices' metrics read


@dataclass
class _Affected:
    roots: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # existing rows to lock + read
    share: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # parents newly linked
    changed: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # parents whose columns changed
    everything: bool = False


# --- what the metrics declare they read -----------------------------------------------------------------

@dataclass(frozen=True)
class Dependencies:
    """The metrics' declarations, gathered: what upkeep watches, locks and walks."""

    watched: frozenset[str]  # tables some metric reads: a flush touching none of them costs nothing
    records: frozenset[str]  # tables whose rows are some metric's records (the roots)
    parts: dict[str, tuple[Part, ...]]  # table → the records its rows are part of
    parents: tuple[Parent, ...]  # each way a record reads a parent row
    everything: frozenset[str]  # tables whose change rebuilds every slice

    @property
    def parent_tables(self) -> frozenset[str]:
        return frozenset(p.parent for p in self.parents)


def dependencies(metrics: Iterable[Metric]) -> Dependencies:
    metrics = list(metrics)
    reads = [read for metric in metrics for read in metric.reads]
    parents = {(p.table, column_name(p.link), column_name(p.record)): p for p in reads if isinstance(p, Parent)}
    parts: dict[str, dict[str, Part]] = defaultdict(dict)
    for part in (r for r in reads if isinstance(r, Part)):
        parts[part.table][column_name(part.owner)] = part
    deps = Dependencies(
        watched=frozenset(t for m in metrics for t in tables(m.record_type, m.reads)),
        records=frozenset(m.record_type for m in metrics),
        parts={table: tuple(by_key.values()) for table, by_key in parts.items()},
        parents=tuple(parents.values()),
        everything=frozenset(r.table for r in reads if isinstance(r, Everything)))
    unordered = (deps.records | deps.parent_tables) - set(LOCK_ORDER)
    if unordered:
        raise RuntimeError(f"progress upkeep: no lock order for {sorted(unordered)} (LOCK_ORDER)")
    return deps


def check_declarations(metrics: Iterable[Metric], rules: Iterable[Rules]) -> None:
    """Refuses a metric whose SQL reads a table or follows a link its `reads` leaves out."""
    problems = [f"{metric.key}: {what}" for metric in metrics for r in rules for city in (False, True)
                for what in undeclared(metric.record_type, metric.reads, metric.rows(r, *ALL_TIME, city))]
    if problems:
        raise RuntimeError(f"metrics read what they do not declare (Metric.reads): {sorted(set(problems))}")


DEPS = dependencies(REGISTRY.values())


# --- which columns matter -----------------------------------------------------------------------------

def columns_read(rules: Rules) -> dict[str, frozenset[str]]:
    """table → the columns some metric's statement reads under these rules (edits of others are free)."""
    return _columns_read(rules.model_dump_json())


@lru_cache(maxsize=64)
def _columns_read(rules_json: str) -> dict[str, frozenset[str]]:
    """`columns_read` of rules as stored (a slice's, a rule version's): worked out once per process."""
    rules = rules_mod.parsed(rules_json)
    out: dict[str, set[str]] = defaultdict(set)
    for metric in REGISTRY.values():
        for city in (False, True):
            for element in visitors.iterate(metric.rows(rules, *ALL_TIME, city)):
                if isinstance(element, Column) and isinstance(element.table, Table):
                    out[element.table.name].add(element.name)
    check_declarations(REGISTRY.values(), [rules])  # rules in force are checked before they are used
    return {table: frozenset(columns) for table, columns in out.items()}


@lru_cache(maxsize=64)
def _columns_read_under(every_rules_json: frozenset[str]) -> dict[str, frozenset[str]]:
    """The columns read under any of these rules (as stored), merged once per set."""
    out: dict[str, set[str]] = defaultdict(set)
    for rules_json in every_rules_json:
        for table, columns in _columns_read(rules_json).items():
            out[table] |= columns
    return {table: frozenset(columns) for table, columns in out.items()}


def _changed_columns(obj: Any) -> dict[str, list[Any]]:
    state = inspect(obj)
    changed = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            changed[attr.key] = [*hist.deleted, *hist.added]
    return changed


def _affected(session: OrmSession, read: dict[str, frozenset[str]]) -> _Affected:
    """The roots a flush is about to change, and the parents it links or changes."""
    out = _Affected()
    items = [(obj, "new") for obj in session.new] + [(obj, "deleted") for obj in session.deleted]
    items += [(obj, "dirty") for obj in session.dirty]
    for obj, how in items:
        table = getattr(type(obj), "__tablename__", None)
        if table not in read:
            continue
        changed = _changed_columns(obj) if how == "dirty" else {}
        if how == "dirty" and not set(changed) & read.get(table, frozenset()):
            continue  # e.g. a visit's notes or an enterprise's name: no metric reads them
        if table in DEPS.everything:
            out.everything = out.everything or how == "dirty"  # e.g. a new unit has no records yet
            continue
        links = _links(obj, table, changed, how)
        for parent, ids in links.items():
            out.share[parent].update(ids)
        if table in DEPS.parts:
            for part in DEPS.parts[table]:
                owner = column_name(part.owner)
                out.roots[part.record].update(p for p in [getattr(obj, owner), *changed.get(owner, [])] if p)
        elif how == "new":
            continue
        elif table in DEPS.records:
            out.roots[table].add(obj.id)
            if table in DEPS.parent_tables:
                out.changed[table].add(obj.id)
        elif table in DEPS.parent_tables:
            out.changed[table].add(obj.id)
    return out


def _links(obj: Any, table: str, changed: dict[str, list[Any]], how: str) -> dict[str, set[int]]:
    """Parents a row newly points at (new row, or a changed link): they must not change until we commit."""
    columns = {column_name(p.link): p.parent for p in DEPS.parents if p.table == table}
    out: dict[str, set[int]] = defaultdict(set)
    for column, parent in columns.items():
        if how == "new" or column in changed:
            value = getattr(obj, column, None)
            if value is not None:
                out[parent].add(value)
    return out


# --- locks, dependants and contributions ----------------------------------------------------------------

def _lock(session: OrmSession, table: str, ids: Iterable[int], *, share: bool = False) -> None:
    if session.get_bind().dialect.name != "postgresql" or not ids:
        return  # SQLite: the write transaction holds the database's single write lock already
    enough = {"update", "share"} if share else {"update"}
    wanted = sorted(i for i in ids if rowlocks.held(session, table, i) not in enough)
    for chunk in _chunks(wanted):
        session.connection().execute(_lock_statement(table, share), {"ids": chunk})
    rowlocks.note(session, table, wanted, "share" if share else "update")


@lru_cache(maxsize=32)
def _lock_statement(table: str, share: bool) -> AnySelect:
    """Locks rows of a table by id, in id order; built once per table and mode."""
    key = SQLModel.metadata.tables[table].c.id
    return select(key).where(key.in_(bindparam("ids", expanding=True))).order_by(key).with_for_update(read=share)


def _chunks(ids: list[int], size: int = 1000) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _dependants(session: OrmSession, affected: _Affected) -> None:
    """Records whose rows read a changed parent (an enterprise, a project) become roots too, and so on down
    (an enterprise's projects, then their funds reports)."""
    frontier: dict[str, set[int]] = defaultdict(set)
    for found in (affected.changed, affected.roots):
        for table, ids in found.items():
            frontier[table] |= ids
    while frontier:
        reached: dict[str, set[int]] = defaultdict(set)
        for parent in DEPS.parents:
            for chunk in _chunks(sorted(frontier.get(parent.parent, ()))):
                linked: set[int] = {i for i in session.execute(select(parent.record).where(parent.link.in_(chunk)))
                                 .scalars() if i is not None}
                reached[parent.child] |= linked - affected.roots[parent.child]
        for table, ids in reached.items():
            affected.roots[table] |= ids
        frontier = {table: ids for table, ids in reached.items() if ids}


_SLICE_COLUMNS = (col(ProgressRollupSlice.id), col(ProgressRollupSlice.metric), col(ProgressRollupSlice.city),
                  col(ProgressRollupSlice.rules), col(ProgressRollupSlice.built_until))
_SLICES = select(*_SLICE_COLUMNS).order_by(col(ProgressRollupSlice.id))  # built once: every write reads it
_NEWEST_RULES = select(col(RuleVersion.settings)).order_by(col(RuleVersion.id).desc()).limit(1).scalar_subquery()
_ONE = select(literal(1).label("one")).subquery()
_SLICES_AND_NEWEST_RULES = (  # a write's first flush: the slices, each row beside the newest rules (one row if none)
    select(*_SLICE_COLUMNS, _NEWEST_RULES).select_from(_ONE.outerjoin(ProgressRollupSlice, true()))
    .order_by(col(ProgressRollupSlice.id)))
_DEFAULT_RULES_JSON = rules_mod.DEFAULT_RULES.model_dump_json()


def _piece_rows(rows: Iterable[Any]) -> list[Piece]:
    return [Piece(i, REGISTRY[m], c, rules_mod.parsed(r), b, r)
            for i, m, c, r, b, *_ in rows if m in REGISTRY and i is not None]


def _pieces(session: OrmSession) -> list[Piece]:
    return _piece_rows(session.connection().execute(_SLICES))


def _pieces_and_read(session: OrmSession) -> tuple[list[Piece], dict[str, frozenset[str]]]:
    """The slices, and the columns read under their rules and the newest rules (a rebuild may be starting on
    them): one statement."""
    rows = session.connection().execute(_SLICES_AND_NEWEST_RULES).all()
    pieces = _piece_rows(rows)
    newest = rows[0][-1] if rows and rows[0][-1] is not None else _DEFAULT_RULES_JSON
    return pieces, _columns_read_under(frozenset({newest, *(p.rules_json for p in pieces)}))


def _contributions(session: OrmSession, pieces: list[Piece], roots: dict[str, set[int]]) -> Sums:
    """Each slice's grains with the [raw, n] these roots' metric rows sum to there."""
    out: Sums = defaultdict(dict)
    parts = [p for p in pieces if roots.get(p.metric.record_type)]
    if not parts:
        return out
    types = sorted({p.metric.record_type for p in parts})
    ordered = {t: sorted(roots[t]) for t in types}
    for offset in range(0, max(len(ids) for ids in ordered.values()), 1000):
        params = {f"ids_{t}": ids[offset:offset + 1000] for t, ids in ordered.items()}
        for row in session.connection().execute(
                _union(tuple((p.id, p.metric.key, p.city, p.rules_json) for p in parts)), params):
            acc = out[row[0]].setdefault((row[1], int(row[2]), _text(row[3]), _text(row[4])), [0, 0])
            acc[0] += row[5]
            acc[1] += row[6]
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value.value if isinstance(value, Enum) else value)


@lru_cache(maxsize=256)
def _union(parts: tuple[tuple[int, str, bool, str], ...]) -> CompoundSelect[*tuple[Any, ...]]:
    """The contribution statement for these slices, built once (ids are bound per call): building and keying
    a dozen metric statements anew on every write cost more than running them."""
    return union_all(*(_grouped(*part) for part in parts))


def _grouped(slice_id: int, metric_key: str, city: bool, rules_json: str) -> AnySelect:
    metric = REGISTRY[metric_key]
    rows = metric.rows(rules_mod.parsed(rules_json), *ALL_TIME, city).subquery()
    region = func.coalesce(rows.c.region, "") if "region" in rows.c else literal("")
    unit = func.coalesce(rows.c.unit_id, 0)
    return (select(literal(slice_id), rows.c.on, unit, rows.c.status, region,
                   type_coerce(func.sum(rows.c.raw), RawSum), func.count())
            .where(rows.c.rid.in_(bindparam(f"ids_{metric.record_type}", expanding=True)))
            .group_by(rows.c.on, unit, rows.c.status, region))


# --- the hooks ------------------------------------------------------------------------------------------

def _tracked(session: OrmSession) -> Tracked:
    tracked: Tracked | None = session.info.get(_TRACKED)
    if tracked is None:
        tracked = session.info[_TRACKED] = Tracked()
    return tracked


def _before_flush(session: OrmSession, _ctx: Any, _instances: Any) -> None:
    touched = {getattr(type(o), "__tablename__", None) for o in (*session.new, *session.dirty, *session.deleted)}
    if not touched & DEPS.watched:
        return
    tracked = _tracked(session)
    if tracked.pieces is None:  # read once: a slice that appears later is caught at commit (not in `known`)
        tracked.pieces, tracked.read = _pieces_and_read(session)
        tracked.known = {p.id for p in tracked.pieces}  # the slices a before is read for
    pieces, read = tracked.pieces, tracked.read or {}
    affected = _affected(session, read)
    if not (affected.roots or affected.share or affected.changed or affected.everything):
        return
    tracked.everything = tracked.everything or affected.everything
    for table in LOCK_ORDER:  # parents whose read columns change: before any record reading them is read
        if table not in DEPS.records:
            _lock(session, table, affected.changed.get(table, ()))
    for table in LOCK_ORDER:  # parents newly linked: kept as they are until this transaction commits
        kept = affected.changed.get(table, set()) | affected.roots.get(table, set())
        _lock(session, table, affected.share.get(table, set()) - kept, share=True)
    _dependants(session, affected)
    fresh: dict[str, set[int]] = {t: ids - tracked.roots.get(t, set()) for t, ids in affected.roots.items()}
    for table in LOCK_ORDER:
        _lock(session, table, fresh.get(table, ()))
    for slice_id, grains in _contributions(session, pieces, fresh).items():
        for grain, (raw, n) in grains.items():
            acc = tracked.before[slice_id].setdefault(grain, [0, 0])
            acc[0] += raw
            acc[1] += n
    for table, new in fresh.items():
        tracked.roots[table].update(new)


def _after_flush(session: OrmSession, _ctx: Any) -> None:
    """New records are roots with nothing before (their ids exist only now)."""
    for obj in session.new:
        table = getattr(type(obj), "__tablename__", None)
        if table in DEPS.records:
            _tracked(session).roots[table].add(obj.id)


def _forget(session: OrmSession, trans: Any) -> None:
    if trans.parent is None:
        session.info.pop(_TRACKED, None)


def _before_commit(session: OrmSession) -> None:
    if not session.in_nested_transaction():
        apply(session)


_HOOKS = (("before_flush", _before_flush, False), ("after_flush", _after_flush, False),
          ("after_transaction_end", _forget, False),
          ("before_commit", _before_commit, True))  # first: before the audit chain's append, the last step


def install() -> None:
    """Keeps the rollups current on every write of every session from now on (idempotent). Called once at
    start-up by app/hooks.py; checks the metrics' declarations against their SQL first."""
    check_declarations(REGISTRY.values(), [Rules()])
    for name, fn, first in _HOOKS:
        if not event.contains(OrmSession, name, fn):
            event.listen(OrmSession, name, fn, insert=first)


def apply(session: OrmSession) -> None:
    """Adds this transaction's deltas to the rollups (at commit, and before a read in the same transaction):
    to every slice that is built or being built, up to the day it is built."""
    with UPKEEP.time():
        _apply(session)


def _apply(session: OrmSession) -> None:
    session.flush()
    tracked: Tracked | None = session.info.get(_TRACKED)
    if tracked is None or not any(tracked.roots.values()) and not tracked.everything:
        return
    if tracked.everything:  # a unit changed type: every slice is dropped and built again before it is read
        session.info.pop(_TRACKED, None)
        lock_exclusively(session)
        session.execute(delete(ProgressRollupSlice))
        return
    lock_shared(session)
    pieces = [p for p in _pieces(session) if p.built_until is not None]
    if any(p.id not in (tracked.known or set()) for p in pieces):
        raise RulesChangedDuringWrite()
    after = _contributions(session, pieces, tracked.roots)
    deltas: dict[tuple[int, Grain], list[Any]] = {}
    for piece in pieces:
        new, old = after.get(piece.id, {}), tracked.before.get(piece.id, {})
        for grain in set(new) | set(old):
            a, b = new.get(grain, [0, 0]), old.get(grain, [0, 0])
            if a != b and piece.built_until is not None and grain[0] <= piece.built_until:
                deltas[(piece.id, grain)] = [a[0] - b[0], a[1] - b[1]]
        tracked.before[piece.id] = new
    if deltas:
        _upsert(session, deltas)


def rebuilt(session: OrmSession) -> None:
    """Slices were just built from the records in this transaction (after `apply`): they hold its changes so
    far, so tracking starts afresh — later changes read their before from here, against every slice now."""
    session.info.pop(_TRACKED, None)


def _upsert(session: OrmSession, deltas: dict[tuple[int, Grain], list[Any]]) -> None:
    """Adds the deltas onto their grain's rows, day then month, each in key order; drops rows left empty."""
    months: dict[tuple[int, str, int, str, str], list[Any]] = {}
    for (slice_id, (day, unit, status, region)), (raw, n) in deltas.items():
        acc = months.setdefault((slice_id, month_of(day), unit, status, region), [0, 0])
        acc[0] += raw
        acc[1] += n
    days = [{"slice_id": k[0], "day": k[1][0], "month": month_of(k[1][0]), "unit_id": k[1][1], "status": k[1][2],
             "region": k[1][3], "raw": v[0], "n": v[1]} for k, v in sorted(deltas.items())]
    by_month = [{"slice_id": k[0], "month": k[1], "unit_id": k[2], "status": k[3], "region": k[4],
                 "raw": v[0], "n": v[1]} for k, v in sorted(months.items()) if v != [0, 0]]
    conn = session.connection()
    for grain, rows in (("day", days), ("month", by_month)):
        if not rows:
            continue
        table, upsert = _upsert_statement(conn.dialect.name, grain)
        emptied = conn.execute(upsert, rows).all()
        gone = [row.id for row in emptied if row.n <= 0]  # usually none: only then a second statement
        if gone:
            conn.execute(delete(table).where(table.c.id.in_(gone), table.c.n <= 0))


@lru_cache(maxsize=8)
def _upsert_statement(dialect: str, grain: str) -> tuple[Table, Any]:
    """The upsert onto a grain's rows, built once per dialect: every write runs it."""
    table = SQLModel.metadata.tables[ProgressRollup.__tablename__ if grain == "day"
                                     else ProgressRollupMonth.__tablename__]
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return table, (insert.on_conflict_do_update(
        index_elements=["slice_id", grain, "unit_id", "status", "region"],
        set_={"raw": table.c.raw + insert.excluded.raw, "n": table.c.n + insert.excluded.n})
        .returning(table.c.id, table.c.n))
