"""Keeps `progress_rollup` equal to the metric rows, on every write, in the writing transaction.

Built from the metric registry itself — each slice (metric, city variant) is `metric.rows(...)` grouped by
unit, day, status and region — so the rollup cannot count differently from the drill-down. Writes mark
days dirty (from the changed rows' own dates, and for enterprises and projects the dates of the records
that depend on them); before the transaction commits those days are recomputed from the records. Changing
the counting rules, or a metric's SQL, changes the slice's fingerprint: the slice is rebuilt, and until
then figures are computed from the records directly, never from a stale rollup.

Writers are serialised (the audit chain's advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), and
every write to a record appends to that chain first, so a recomputation always sees every committed row.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Integer,
    Table,
    bindparam,
    case,
    cast,
    delete,
    event,
    func,
    inspect,
    literal,
    literal_column,
    null,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql import visitors

from app.audit.service import _PG_LOCK_KEY
from app.core.time import utcnow
from app.core.types import Money
from app.funds.models import FundsReport
from app.progress.metrics import REGISTRY, Metric
from app.progress.models import ProgressRollup, ProgressRollupMonth, ProgressRollupState
from app.progress.sqlfuncs import month_key
from app.projects.models import Project, ProjectEnterprise
from app.targets import rules as rules_mod
from app.targets.rules import Rules
from app.visits.models import Visit

ALL_TIME = (date(1900, 1, 1), date(9998, 12, 31))
R = ProgressRollup
M = ProgressRollupMonth


# --- what a slice is --------------------------------------------------------------------------------

def _statement(metric: Metric, rules: Rules, city: bool, start: date = ALL_TIME[0], end: date = ALL_TIME[1]):
    return metric.rows(rules, start, end, city)


@lru_cache(maxsize=256)
def _fingerprint(metric_key: str, rules_json: str, city: bool, dialect_name: str) -> str:
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = {"postgresql": postgresql.dialect(), "sqlite": sqlite.dialect()}[dialect_name]
    compiled = _statement(REGISTRY[metric_key], Rules.model_validate_json(rules_json), city).compile(dialect=dialect)
    # IN lists may come from sets, whose order changes between processes; their order means nothing
    params = sorted((k, repr(sorted(v, key=repr) if isinstance(v, list | tuple) else v))
                    for k, v in compiled.params.items())
    return hashlib.sha256(f"{compiled}\n{params}".encode()).hexdigest()


def fingerprint(session: OrmSession, metric: Metric, rules: Rules, city: bool) -> str:
    return _fingerprint(metric.key, rules.model_dump_json(), city, session.get_bind().dialect.name)


def source_city(session: OrmSession, metric: Metric, rules: Rules, city: bool) -> bool:
    """The slice that holds a variant's rows: the city variant shares the unit slice when their SQL is equal."""
    if city and fingerprint(session, metric, rules, True) == fingerprint(session, metric, rules, False):
        return False
    return city


def _slices(session: OrmSession, rules: Rules) -> Iterator[tuple[Metric, bool]]:
    for metric in REGISTRY.values():
        yield metric, False
        if source_city(session, metric, rules, True):
            yield metric, True


def _built(session: OrmSession) -> dict[tuple[str, bool], str]:
    return {(m, c): fp for m, c, fp in session.execute(
        select(ProgressRollupState.metric, ProgressRollupState.city, ProgressRollupState.fingerprint))}


def _lock(session: OrmSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


# --- reading ----------------------------------------------------------------------------------------

def ensure(session: OrmSession, rules: Rules) -> dict[tuple[str, bool], str]:
    """Brings the rollup up to date (this transaction's changes; any missing or stale slice) before reading.

    Normally only the first read on a new database, or after a deploy that changed a metric's SQL, builds
    anything; changing the rules through the API rebuilds in that request. Records loaded outside the
    application leave the slices looking current: rebuild them (`zhaoshang progress-rollup --rebuild`).
    """
    refresh(session)
    built = _built(session)
    if any(built.get((m.key, city)) != fingerprint(session, m, rules, city) for m, city in _slices(session, rules)):
        sync(session, rules)
        built = _built(session)
    return built


@dataclass(frozen=True)
class Request:
    metric: Metric
    start: date
    end: date
    city: bool  # the city-wide figure: its rows come summed over units, (month[, region]) only
    by_region: bool  # (unit, month, region) rather than (unit, month)
    apart: frozenset[int] = frozenset()  # units whose rows are kept apart; the others come as one, unit None


def read_many(session: OrmSession, rules: Rules, requests: list[Request],
              built: dict[tuple[str, bool], str]) -> list[tuple[list[tuple], int] | None]:
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
        src = source_city(session, request.metric, rules, request.city)
        if built.get((request.metric.key, src)) != fingerprint(session, request.metric, rules, src):
            parts.append(None)
            continue
        n = len(shapes)
        months, days = _split(request.start, request.end)
        shapes.append((months is not None, len(days), request.by_region, request.city))
        params |= {f"p{n}_metric": request.metric.key, f"p{n}_src": src}
        if not request.city:
            params[f"p{n}_apart"] = sorted(request.apart)
        if months:
            params |= {f"p{n}_m0": months[0], f"p{n}_m1": months[1]}
        for k, (first, last) in enumerate(days):
            params |= {f"p{n}_d{k}a": first, f"p{n}_d{k}b": last}
        parts.append(n)
    as_cents = session.get_bind().dialect.name != "sqlite"
    rows: dict[int, list[tuple]] = defaultdict(list)
    if shapes:
        for row in session.connection().execute(_read_statement(tuple(shapes), as_cents), params).all():
            rows[row[0]].append(row)
    return [None if n is None else (rows[n], 100 if as_cents or isinstance(_raw_type(r.metric.key), Money) else 1)
            for r, n in zip(requests, parts, strict=True)]


@lru_cache(maxsize=64)
def _read_statement(shapes: tuple[tuple[bool, int, bool, bool], ...], as_cents: bool):
    """All the reads of a computation as one UNION ALL, tagged by part; built once per combination of window
    shapes (whole months and/or partial-month day ranges) and bound per call."""
    return union_all(*(_read_part(n, *shape, as_cents) for n, shape in enumerate(shapes)))


def _read_part(n: int, whole_months: bool, day_ranges: int, by_region: bool, city: bool, as_cents: bool):
    def p(name: str, type_=None, expanding: bool = False):
        return bindparam(f"p{n}_{name}", type_=type_, expanding=expanding)

    def source(table):
        """The slice's rows; the units the answer shows one by one keep their unit, the others come as NULL and
        are summed as one (they only count towards totals), so an answer reads its own units' rows, not all."""
        unit = null() if city else case((table.unit_id.in_(p("apart", expanding=True)), table.unit_id), else_=null())
        return select(cast(unit, Integer).label("unit_id"), table.month, table.status, table.region, table.raw)

    parts = []
    if whole_months:
        parts.append(source(M).where(M.metric == p("metric"), M.city == p("src"), M.month.between(p("m0"), p("m1"))))
    for k in range(day_ranges):
        parts.append(source(R).where(R.metric == p("metric"), R.city == p("src"),
                                     R.day.between(p(f"d{k}a", Date), p(f"d{k}b", Date))))
    rows = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    keys = [rows.c.unit_id, rows.c.month, *([rows.c.region] if by_region else [])]
    verified = func.sum(case((rows.c.status == "verified", rows.c.raw), else_=None))
    reported = func.sum(rows.c.raw)
    if as_cents:  # exact: raw values have at most two places
        verified, reported = cast(verified * 100, BigInteger), cast(reported * 100, BigInteger)
    return (select(literal_column(str(n), Integer).label("part"), rows.c.unit_id, rows.c.month,
                   rows.c.region if by_region else null(), verified, reported).group_by(*keys))


def count_and_sum(session: OrmSession, rules: Rules, metric: Metric, start: date, end: date, *, city: bool,
                  units: Callable[[Any], list], verified_only: bool) -> tuple[int, Any] | None:
    """A drill-down's row count and raw sum from the slice its figure is read from (whole months from the month
    table, partial months by day), or None when that slice is not current. `units(column)` gives the conditions
    on a unit column that pick the drill-down's units."""
    built = ensure(session, rules)
    src = source_city(session, metric, rules, city)
    if built.get((metric.key, src)) != fingerprint(session, metric, rules, src):
        return None
    months, days = _split(start, end)

    def part(table, *conditions):
        status = [table.status == "verified"] if verified_only else []
        return select(table.n, table.raw).where(table.metric == metric.key, table.city == src, *conditions,
                                                *units(table.unit_id), *status)

    parts = [part(M, M.month.between(*months))] if months else []
    parts += [part(R, R.day.between(first, last)) for first, last in days]
    if not parts:
        return 0, None
    rows = union_all(*parts).subquery()
    count, raw = session.execute(select(func.coalesce(func.sum(rows.c.n), 0),
                                        type_coerce(func.sum(rows.c.raw), _raw_type(metric.key)))).one()
    return int(count), raw


@lru_cache(maxsize=64)
def _raw_type(metric_key: str):
    """The SQL type of a metric's raw values (Money for sums of money, Integer for weights)."""
    return _statement(REGISTRY[metric_key], Rules(), False).selected_columns.raw.type


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

def _fill(session: OrmSession, metric: Metric, rules: Rules, city: bool, start: date, end: date) -> None:
    """Replaces the slice's rows of days start..end with the metric's rows of those days."""
    session.execute(delete(R).where(R.metric == metric.key, R.city == city, R.day.between(start, end)))
    rows = _statement(metric, rules, city, start, end).subquery()
    keys = [rows.c.unit_id, rows.c.on, rows.c.status, *([rows.c.region] if "region" in rows.c else [])]
    region = rows.c.region if "region" in rows.c else null()
    session.execute(R.__table__.insert().from_select(
        ["metric", "city", "unit_id", "day", "status", "region", "month", "raw", "n"],
        select(literal(metric.key), literal(city), *keys[:3], region, month_key(rows.c.on), func.sum(rows.c.raw),
               func.count()).group_by(*keys)))
    # the months start..end touches, summed again from their days
    first, last = _month(start), _month(end)
    session.execute(delete(M).where(M.metric == metric.key, M.city == city, M.month.between(first, last)))
    month_start = start.replace(day=1)
    month_end = (end.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    keys = [R.unit_id, R.month, R.status, R.region]
    session.execute(M.__table__.insert().from_select(
        ["metric", "city", "unit_id", "month", "status", "region", "raw", "n"],
        select(literal(metric.key), literal(city), *keys, func.sum(R.raw), func.sum(R.n))
        .where(R.metric == metric.key, R.city == city, R.day.between(month_start, month_end)).group_by(*keys)))


def sync(session: OrmSession, rules: Rules | None = None, *, force: bool = False) -> list[str]:
    """Builds every slice that is missing or stale (all of them with `force`); returns what was built."""
    if rules is None:
        rules = rules_mod.load(session)[1]
    refresh(session)
    _lock(session)
    built = _built(session)
    wanted = {(m.key, city): (m, city, fingerprint(session, m, rules, city)) for m, city in _slices(session, rules)}
    done = []
    for key, (metric, city, fp) in wanted.items():
        if not force and built.get(key) == fp:
            continue
        _fill(session, metric, rules, city, *ALL_TIME)
        session.merge(ProgressRollupState(metric=metric.key, city=city, fingerprint=fp, built_at=utcnow()))
        done.append(f"{metric.key}{' (city)' if city else ''}")
    for metric_key, city in set(built) - set(wanted):  # slices no longer needed (e.g. the city now shares)
        session.execute(delete(R).where(R.metric == metric_key, R.city == city))
        session.execute(delete(M).where(M.metric == metric_key, M.city == city))
        session.execute(delete(ProgressRollupState).where(ProgressRollupState.metric == metric_key,
                                                          ProgressRollupState.city == city))
    session.flush()
    return done


def check(session: OrmSession) -> list[str]:
    """Differences between the stored rollup and the records (for `zhaoshang progress-rollup --check`)."""
    refresh(session)
    _, rules = rules_mod.load(session)
    problems = []
    built = _built(session)
    for metric, city in _slices(session, rules):
        if built.get((metric.key, city)) != fingerprint(session, metric, rules, city):
            problems.append(f"{metric.key}{' (city)' if city else ''}: 未建立或已过期 (not built or stale)")
            continue
        rows = _statement(metric, rules, city).subquery()
        keys = [rows.c.unit_id, rows.c.on, rows.c.status, *([rows.c.region] if "region" in rows.c else [])]
        region = rows.c.region if "region" in rows.c else null()
        live = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(*keys[:3], region, func.sum(rows.c.raw), func.count()).group_by(*keys))}
        stored = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(R.unit_id, R.day, R.status, R.region, type_coerce(R.raw, rows.c.raw.type), R.n)
            .where(R.metric == metric.key, R.city == city))}
        if live != stored:
            diff = sorted(set(live.items()) ^ set(stored.items()), key=str)[:5]
            problems.append(f"{metric.key}{' (city)' if city else ''}: 与记录不一致 (differs) {diff}")
        keys = [R.unit_id, R.month, R.status, R.region]
        by_day = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(*keys, func.sum(R.raw), func.sum(R.n)).where(R.metric == metric.key, R.city == city)
            .group_by(*keys))}
        by_month = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(M.unit_id, M.month, M.status, M.region, M.raw, M.n).where(M.metric == metric.key,
                                                                              M.city == city))}
        if by_day != by_month:
            problems.append(f"{metric.key}{' (city)' if city else ''}: 月汇总与日汇总不一致 (months differ from days)")
    return problems


# --- keeping it current on write --------------------------------------------------------------------

@dataclass
class Dirty:
    """What a transaction changed that the rollup depends on."""

    days: dict[str, set[date]] = field(default_factory=lambda: defaultdict(set))  # fact table → days
    projects: set[int] = field(default_factory=set)  # their dates and funds periods
    enterprises: set[int] = field(default_factory=set)  # their visits and projects
    everything: bool = False  # a unit changed type: every slice

    def __bool__(self) -> bool:
        return self.everything or bool(self.projects or self.enterprises or any(self.days.values()))


FACT_TABLES = {"visit", "event", "lead", "funds_report", "project"}  # tables whose date column is a metric's day


@lru_cache(maxsize=16)
def _columns_read(rules_json: str) -> dict[str, frozenset[str]]:
    """table → columns that some metric's statement reads under these rules."""
    rules = Rules.model_validate_json(rules_json)
    out: dict[str, set[str]] = defaultdict(set)
    for metric in REGISTRY.values():
        for city in (False, True):
            for element in visitors.iterate(_statement(metric, rules, city)):
                if isinstance(element, Column) and isinstance(element.table, Table):
                    out[element.table.name].add(element.name)
    return {table: frozenset(columns) for table, columns in out.items()}


def _changes(session: OrmSession) -> Iterator[tuple[object, bool, dict[str, list]]]:
    """(object, inserted or deleted, column → [old, new] values) of every flushed change."""
    for obj in session.new:
        yield obj, True, {}
    for obj in session.deleted:
        yield obj, True, {}
    for obj in session.dirty:
        state = inspect(obj)
        changed = {}
        for attr in state.mapper.column_attrs:
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                changed[attr.key] = [*hist.deleted, *hist.added]
        if changed:
            yield obj, False, changed


def _dates(obj, changed: dict[str, list]) -> set[date]:
    """The values (before and after) of the row's date columns."""
    out = set()
    for column in inspect(obj).mapper.columns:
        if isinstance(column.type, Date):
            out.add(getattr(obj, column.key))
            out.update(changed.get(column.key, []))
    return {d for d in out if isinstance(d, date)}


@event.listens_for(OrmSession, "after_flush")
def _collect(session: OrmSession, _ctx) -> None:
    columns = None
    for obj, whole_row, changed in _changes(session):
        table = getattr(type(obj), "__tablename__", None)
        if table not in ("visit", "event", "lead", "funds_report", "project", "project_credit",
                         "project_enterprise", "enterprise", "unit"):
            continue
        if columns is None:
            columns = _columns_read(rules_mod.load(session)[1].model_dump_json())
        if table == "unit" and whole_row:
            continue  # a new unit has no records yet; units with records are never deleted
        if not whole_row and not set(changed) & columns.get(table, frozenset()):
            continue  # e.g. a visit's notes or an enterprise's name: no metric reads them
        dirty: Dirty = session.info.setdefault("rollup_dirty", Dirty())
        if table in FACT_TABLES:
            dirty.days[table].update(_dates(obj, changed))
        if table == "project":
            dirty.projects.add(obj.id)
        elif table in ("project_credit", "project_enterprise"):
            dirty.projects.update(p for p in [obj.project_id, *changed.get("project_id", [])] if p is not None)
        elif table == "enterprise":
            dirty.enterprises.add(obj.id)
        elif table == "unit":
            dirty.everything = True


def _dependents(session: OrmSession, dirty: Dirty) -> None:
    """Adds the days of records that depend on changed enterprises and projects."""
    ids = list(dirty.enterprises)
    if ids:
        dirty.days["visit"].update(session.execute(
            select(Visit.visit_date).where(Visit.enterprise_id.in_(ids)).distinct()).scalars())
        dirty.projects.update(session.execute(
            select(ProjectEnterprise.project_id).where(ProjectEnterprise.enterprise_id.in_(ids))).scalars())
    ids = list(dirty.projects)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for row in session.execute(select(Project).where(Project.id.in_(chunk))).scalars():
            dirty.days["project"].update(_dates(row, {}))
        dirty.days["funds_report"].update(session.execute(
            select(FundsReport.period).where(FundsReport.project_id.in_(chunk)).distinct()).scalars())


def _runs(days: Iterable[date]) -> Iterator[tuple[date, date]]:
    """Contiguous runs of days, so a batch of edits costs one statement per run, not per day."""
    ordered = sorted(days)
    while ordered:
        start = end = ordered.pop(0)
        while ordered and ordered[0] - end <= timedelta(days=1):
            end = ordered.pop(0)
        yield start, end


def refresh(session: OrmSession) -> None:
    """Brings the rollup up to date with this transaction's own changes (before commit, or before reading)."""
    if session.info.get("rollup_refreshing"):
        return
    session.info["rollup_refreshing"] = True
    try:
        session.flush()
        dirty: Dirty | None = session.info.pop("rollup_dirty", None)
        if not dirty:
            return
        _lock(session)
        _, rules = rules_mod.load(session)
        if dirty.everything:
            sync(session, rules, force=True)
            return
        _dependents(session, dirty)
        built = _built(session)
        for metric, city in _slices(session, rules):
            if built.get((metric.key, city)) != fingerprint(session, metric, rules, city):
                continue  # not built: read from the records until `sync` builds it
            for start, end in _runs(dirty.days.get(metric.record_type, ())):
                _fill(session, metric, rules, city, start, end)
    finally:
        session.info.pop("rollup_refreshing", None)


@event.listens_for(OrmSession, "before_commit")
def _before_commit(session: OrmSession) -> None:
    refresh(session)
