"""Reads and builds `progress_rollup` (by day) and `progress_rollup_month`: the metric rows, summed by grain.

Built from the metric registry itself — each slice (metric, city variant) is `metric.rows(...)` grouped by
unit, day, status and region — so the rollup cannot count differently from the drill-down. Writes keep it
current by deltas (`progress/upkeep.py`). Changing the counting rules, or a metric's SQL, changes the slice's
fingerprint (`progress/slices.py`): the slice is rebuilt, and until then figures are computed from the
records directly, never from a stale rollup. A rebuild holds the rebuild lock exclusively, so no writer adds a
delta to a slice while it is rebuilt from the records.
"""

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    bindparam,
    case,
    cast,
    delete,
    func,
    literal,
    literal_column,
    null,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql import ColumnElement, CompoundSelect, Subquery
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.types import TypeEngine
from sqlmodel import col

from app.core.models import pk
from app.core.time import utcnow
from app.core.types import Money
from app.core.typing import AnySelect
from app.progress import upkeep
from app.progress.metrics import REGISTRY, Metric
from app.progress.models import ProgressRollup, ProgressRollupMonth, ProgressRollupSlice
from app.progress.slices import (
    ALL_TIME,
    for_rules,
    lock_exclusively,
    plan,
    serve,
    serving,
    slices,
    source_city,
    statement,
)
from app.progress.sqlfuncs import month_key
from app.targets import rules as rules_mod
from app.targets.models import RuleVersion
from app.targets.rules import Rules

R = ProgressRollup
M = ProgressRollupMonth


# --- reading ----------------------------------------------------------------------------------------

def in_force(session: OrmSession) -> tuple[int | None, Rules, bool]:
    """The counting rules the figures are computed by — (rule version id, rules, newer rules pending).

    After the office changes the rules, the new slices are built in the background; until they are complete
    the figures keep the rules in force before (and say so), rather than block writers or read half a slice."""
    version_id, newest = rules_mod.load(session)
    current = serving(session)
    if current is None or current == newest:
        return version_id, newest, False
    found = session.execute(select(col(RuleVersion.id)).where(col(RuleVersion.settings) == current.model_dump_json())
                            .order_by(col(RuleVersion.id).desc()).limit(1)).scalar()
    return found, current, True


def ensure(session: OrmSession, rules: Rules) -> dict[tuple[str, bool], int]:
    """The complete slices of these rules, (metric, city) → slice id, with this transaction's deltas added.

    Slices the newest rules need and nobody builds (a new database, a deploy that changed a metric's SQL, a
    unit that changed type) are built here; others missing are computed from the records, never read stale.
    Records loaded outside the application leave the slices looking current: rebuild them
    (`zhaoshang progress-rollup --rebuild`).
    """
    upkeep.apply(session)
    found = _complete(session, rules)
    if len(found) < sum(1 for _ in slices(session, rules)) and rules == rules_mod.load(session)[1]:
        sync(session, rules)
        found = _complete(session, rules)
    return found


def _complete(session: OrmSession, rules: Rules) -> dict[tuple[str, bool], int]:
    return {key: pk(row) for key, row in for_rules(session, rules).items()
            if row.built_until is not None and row.built_until >= ALL_TIME[1]}


@dataclass(frozen=True)
class Request:
    metric: Metric
    start: date
    end: date
    city: bool  # the city-wide figure: its rows come summed over units, (month[, region]) only
    by_region: bool  # (unit, month, region) rather than (unit, month)
    apart: frozenset[int] = frozenset()  # units whose rows are kept apart; the others come as one, unit None


def read_many(session: OrmSession, rules: Rules, requests: list[Request],
              built: dict[tuple[str, bool], int]) -> list[tuple[list[Sequence[Any]], int] | None]:
    """For each request, its (part, unit_id, month, region, verified raw, reported raw) rows and the factor its raw
    values carry, or None when its slice is not current. unit_id is None in a city request's rows, and in the rows
    that sum every unit not kept apart. The sums come as integers — a hundredth of the raw
    unit (PostgreSQL's NUMERIC × 100; SQLite's money is stored in 0.01 万元 already) — which convert and add
    far faster than decimals.

    One statement for all of them — a dashboard's fifteen aggregates cost one round trip. `built` is what
    `ensure` returned for this computation."""
    shapes: list[tuple[bool, int, bool, bool]] = []
    params: dict[str, object] = {}
    parts: list[int | None] = []
    for request in requests:
        slice_id = built.get((request.metric.key, source_city(session, request.metric, rules, request.city)))
        if slice_id is None:
            parts.append(None)
            continue
        n = len(shapes)
        months, days = _split(request.start, request.end)
        shapes.append((months is not None, len(days), request.by_region, request.city))
        params[f"p{n}_slice"] = slice_id
        if not request.city:
            params[f"p{n}_apart"] = sorted(request.apart)
        if months:
            params |= {f"p{n}_m0": months[0], f"p{n}_m1": months[1]}
        for k, (first, last) in enumerate(days):
            params |= {f"p{n}_d{k}a": first, f"p{n}_d{k}b": last}
        parts.append(n)
    as_cents = session.get_bind().dialect.name != "sqlite"
    rows: dict[int, list[Sequence[Any]]] = defaultdict(list)
    if shapes:
        for row in session.connection().execute(_read_statement(tuple(shapes), as_cents), params).all():
            rows[row[0]].append(row)
    return [None if n is None else (rows[n], 100 if as_cents or isinstance(_raw_type(r.metric.key), Money) else 1)
            for r, n in zip(requests, parts, strict=True)]


@lru_cache(maxsize=64)
def _read_statement(shapes: tuple[tuple[bool, int, bool, bool], ...], as_cents: bool) -> CompoundSelect[*tuple[Any,
                                                                                                               ...]]:
    """All the reads of a computation as one UNION ALL, tagged by part; built once per combination of window
    shapes (whole months and/or partial-month day ranges) and bound per call."""
    return union_all(*(_read_part(n, *shape, as_cents) for n, shape in enumerate(shapes)))


def _read_part(n: int, whole_months: bool, day_ranges: int, by_region: bool, city: bool, as_cents: bool,
               ) -> AnySelect:
    def p(name: str, type_: type[TypeEngine[Any]] | None = None, expanding: bool = False) -> BindParameter[Any]:
        return bindparam(f"p{n}_{name}", type_=type_, expanding=expanding)

    def source(table: type[ProgressRollup] | type[ProgressRollupMonth]) -> AnySelect:
        """The slice's rows; the units the answer shows one by one keep their unit, the others come as NULL and
        are summed as one (they only count towards totals), so an answer reads its own units' rows, not all."""
        unit_id = col(table.unit_id)
        unit = null() if city else case((unit_id.in_(p("apart", expanding=True)), unit_id), else_=null())
        return select(cast(unit, Integer).label("unit_id"), col(table.month), col(table.status),
                      func.nullif(col(table.region), "").label("region"), col(table.raw))

    parts: list[AnySelect] = []
    if whole_months:
        parts.append(source(M).where(col(M.slice_id) == p("slice"), col(M.month).between(p("m0"), p("m1"))))
    for k in range(day_ranges):
        parts.append(source(R).where(col(R.slice_id) == p("slice"),
                                     col(R.day).between(p(f"d{k}a", Date), p(f"d{k}b", Date))))
    rows = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    keys = [rows.c.unit_id, rows.c.month, *([rows.c.region] if by_region else [])]
    verified: ColumnElement[Any] = func.sum(case((rows.c.status == "verified", rows.c.raw), else_=None))
    reported: ColumnElement[Any] = func.sum(rows.c.raw)
    if as_cents:  # exact: raw values have at most two places
        verified, reported = cast(verified * 100, BigInteger), cast(reported * 100, BigInteger)
    return (select(literal_column(str(n), Integer).label("part"), rows.c.unit_id, rows.c.month,
                   rows.c.region if by_region else null(), verified, reported).group_by(*keys))


def count_and_sum(session: OrmSession, rules: Rules, metric: Metric, start: date, end: date, *, city: bool,
                  units: Callable[[Mapped[int]], list[ColumnElement[bool]]], verified_only: bool,
                  ) -> tuple[int, Any] | None:
    """A drill-down's row count and raw sum from the slice its figure is read from (whole months from the month
    table, partial months by day), or None when that slice is not complete. `units(column)` gives the
    conditions on a unit column that pick the drill-down's units."""
    slice_id = ensure(session, rules).get((metric.key, source_city(session, metric, rules, city)))
    if slice_id is None:
        return None
    months, days = _split(start, end)

    def part(table: type[ProgressRollup] | type[ProgressRollupMonth], *conditions: ColumnElement[bool]) -> AnySelect:
        status = [col(table.status) == "verified"] if verified_only else []
        return select(col(table.n), col(table.raw)).where(col(table.slice_id) == slice_id, *conditions,
                                                          *units(col(table.unit_id)), *status)

    parts = [part(M, col(M.month).between(*months))] if months else []
    parts += [part(R, col(R.day).between(first, last)) for first, last in days]
    if not parts:
        return 0, None
    rows = union_all(*parts).subquery()
    count, raw = session.execute(select(func.coalesce(func.sum(rows.c.n), 0),
                                        type_coerce(func.sum(rows.c.raw), _raw_type(metric.key)))).one()
    return int(count), raw


@lru_cache(maxsize=64)
def _raw_type(metric_key: str) -> TypeEngine[Any]:
    """The SQL type of a metric's raw values (Money for sums of money, Integer for weights)."""
    return statement(REGISTRY[metric_key], Rules(), False).selected_columns.raw.type


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _split(start: date, end: date) -> tuple[tuple[str, str] | None, list[tuple[date, date]]]:
    """A window as (first and last whole month, or None) and the day ranges of partial months around them."""
    first_whole = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    after = end + timedelta(days=1)
    end_whole = after if after.day == 1 else end.replace(day=1)  # first day after the whole months
    if first_whole >= end_whole:
        return None, [(start, end)] if start <= end else []
    days = [(start, first_whole - timedelta(days=1))] if start < first_whole else []
    if end_whole <= end:
        days.append((end_whole, end))
    return (_month(first_whole), _month(end_whole - timedelta(days=1))), days


# --- building ---------------------------------------------------------------------------------------

def _grain(rows: Subquery) -> tuple[ColumnElement[Any], ColumnElement[Any], ColumnElement[Any], ColumnElement[Any]]:
    """The metric rows' grain columns: unit (0 for none) and region ('' for none) are never NULL in a key."""
    region: ColumnElement[Any] = func.coalesce(rows.c.region, "") if "region" in rows.c else literal("")
    return func.coalesce(rows.c.unit_id, 0), rows.c.on, rows.c.status, region


def _fill(session: OrmSession, piece: ProgressRollupSlice, start: date = ALL_TIME[0],
          end: date = ALL_TIME[1]) -> None:
    """Replaces the slice's rows of whole months start..end with the metric's rows of those days."""
    metric, rules = REGISTRY[piece.metric], rules_mod.parsed(piece.rules)
    first, last = _month(start), _month(end)
    session.execute(delete(R).where(col(R.slice_id) == piece.id, col(R.day).between(start, end)))
    session.execute(delete(M).where(col(M.slice_id) == piece.id, col(M.month).between(first, last)))
    rows = statement(metric, rules, piece.city, start, end).subquery()
    unit, on, status, region = _grain(rows)
    session.execute(R.__table__.insert().from_select(  # type: ignore[attr-defined]  # SQLModel sets __table__
        ["slice_id", "unit_id", "day", "status", "region", "month", "raw", "n"],
        select(literal(piece.id), unit, on, status, region, month_key(on), func.sum(rows.c.raw), func.count())
        .group_by(unit, on, status, region)))
    keys = [col(R.unit_id), col(R.month), col(R.status), col(R.region)]
    session.execute(M.__table__.insert().from_select(  # type: ignore[attr-defined]  # SQLModel sets __table__
        ["slice_id", "unit_id", "month", "status", "region", "raw", "n"],
        select(literal(piece.id), *keys, func.sum(col(R.raw)), func.sum(col(R.n)))
        .where(col(R.slice_id) == piece.id, col(R.day).between(start, end)).group_by(*keys)))
    piece.built_until, piece.built_at = end, utcnow()


def sync(session: OrmSession, rules: Rules | None = None, *, force: bool = False) -> list[str]:
    """Builds every slice of the rules (default: the newest) that is not complete — all of them with `force` —
    in this transaction, excluding writers meanwhile; then serves these rules. Returns what was built.

    For a new database, the CLI and tests; a rules change through the API builds in the background instead."""
    if rules is None:
        rules = rules_mod.load(session)[1]
    upkeep.apply(session)  # this transaction's own deltas first: the slices not rebuilt need them
    lock_exclusively(session)
    plan(session, rules)
    done = []
    for (metric_key, city), piece in for_rules(session, rules).items():
        if force or piece.built_until is None or piece.built_until < ALL_TIME[1]:
            _fill(session, piece)
            done.append(f"{metric_key}{' (city)' if city else ''}")
    serve(session, rules)
    upkeep.rebuilt(session)
    return done


def rules_changed(session: OrmSession, rules: Rules) -> bool:
    """After the office saved new rules: True when their slices must be built (by `build_step`, in the
    background; the figures keep the previous rules meanwhile), False when they are served already."""
    plan(session, rules)
    if all(p.built_until is not None and p.built_until >= ALL_TIME[1] for p in for_rules(session, rules).values()):
        lock_exclusively(session)
        serve(session, rules)
        return False
    return True


def build_step(session: OrmSession, budget_s: float = 0.3) -> bool:
    """One step of building the newest rules' slices in the background, a month at a time while the budget
    lasts, holding the rebuild lock (writers wait) for no longer than that. When every slice is complete the
    newest rules are served. True while there is more to do; run each step in its own transaction."""
    _, rules = rules_mod.load(session)
    plan(session, rules)
    todo = [p for p in for_rules(session, rules).values() if p.built_until is None or p.built_until < ALL_TIME[1]]
    if not todo:
        if serving(session) != rules:
            lock_exclusively(session)
            serve(session, rules)
        return False
    piece = todo[0]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL statement_timeout = 0"))  # a background job: no request waits on it
    first_day, last_day = _days(session, piece)  # read before the lock: it may scan the records
    lock_exclusively(session)
    session.refresh(piece)
    started = time.monotonic()
    while piece.built_until is None or piece.built_until < ALL_TIME[1]:
        start = ALL_TIME[0] if piece.built_until is None else piece.built_until + timedelta(days=1)
        end = _month_end(max(start, first_day or start))  # the first piece reaches the first month with rows
        if last_day is None or end >= last_day:
            end = ALL_TIME[1]  # the rest, however far, in this last piece
        _fill(session, piece, start, end)
        if time.monotonic() - started > budget_s:
            break
    session.flush()
    return True


def _days(session: OrmSession, piece: ProgressRollupSlice) -> tuple[date | None, date | None]:
    """The first and last day of the slice's rows now (rows written later land in the first or last piece)."""
    rows = statement(REGISTRY[piece.metric], rules_mod.parsed(piece.rules), piece.city).subquery()
    first, last = session.execute(select(func.min(rows.c.on), func.max(rows.c.on))).one()
    return first, last


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def check(session: OrmSession) -> list[str]:
    """Differences between the stored rollup and the records (for `zhaoshang progress-rollup --check`): every
    slice up to the day it is built.

    Run it in one snapshot (REPEATABLE READ on PostgreSQL, as the CLI does) while others write: otherwise the
    records and the rollup are read at different moments and a write between the two looks like a difference."""
    upkeep.apply(session)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL statement_timeout = 0"))  # compares every record: long by nature
    problems = []
    rules = serving(session) or rules_mod.load(session)[1]
    have = for_rules(session, rules)
    problems += [f"{m.key}{' (city)' if c else ''}: 未建立 (not built)" for m, c in slices(session, rules)
                 if (m.key, c) not in have or have[(m.key, c)].built_until is None]
    for piece in session.execute(select(ProgressRollupSlice).where(
            col(ProgressRollupSlice.built_until).is_not(None)).order_by(col(ProgressRollupSlice.id))).scalars():
        problems += _check_slice(session, piece)
    return problems


def _check_slice(session: OrmSession, piece: ProgressRollupSlice) -> list[str]:
    name = f"{piece.metric}{' (city)' if piece.city else ''} #{piece.id}"
    until = piece.built_until
    assert until is not None
    rows = statement(REGISTRY[piece.metric], rules_mod.parsed(piece.rules), piece.city, ALL_TIME[0], until).subquery()
    grain = _grain(rows)
    live = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
        select(*grain, func.sum(rows.c.raw), func.count()).group_by(*grain))}
    stored = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
        select(col(R.unit_id), col(R.day), col(R.status), col(R.region), type_coerce(col(R.raw), rows.c.raw.type),
               col(R.n))
        .where(col(R.slice_id) == piece.id))}
    problems = []
    if live != stored:
        diff = sorted(set(live.items()) ^ set(stored.items()), key=str)[:5]
        problems.append(f"{name}: 与记录不一致 (differs) {diff}")
    keys = [col(R.unit_id), col(R.month), col(R.status), col(R.region)]
    by_day = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
        select(*keys, func.sum(col(R.raw)), func.sum(col(R.n))).where(col(R.slice_id) == piece.id).group_by(*keys))}
    by_month = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
        select(col(M.unit_id), col(M.month), col(M.status), col(M.region), col(M.raw),
               col(M.n)).where(col(M.slice_id) == piece.id))}
    if by_day != by_month:
        problems.append(f"{name}: 月汇总与日汇总不一致 (months differ from days)")
    return problems
