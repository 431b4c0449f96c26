"""Reads and builds `progress_rollup` (by day) and `progress_rollup_month`: the metric rows, summed by grain.

Built from the metric registry itself — each slice (metric, city variant) is `metric.rows(...)` grouped by
unit, day, status and region — so the rollup cannot count differently from the drill-down. Writes keep it
current by deltas (`progress/upkeep.py`). Changing the counting rules, or a metric's SQL, changes the slice's
fingerprint (`progress/slices.py`): the slice is rebuilt, and until then figures are computed from the
records directly, never from a stale rollup. A rebuild holds the rebuild lock exclusively, so no writer adds a
delta to a slice while it is rebuilt from the records.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

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
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session as OrmSession

from app.core.time import utcnow
from app.core.types import Money
from app.progress import upkeep
from app.progress.metrics import REGISTRY, Metric
from app.progress.models import ProgressRollup, ProgressRollupMonth, ProgressRollupState
from app.progress.slices import (
    built_slices,
    fingerprint,
    lock_exclusively,
    slices,
    source_city,
    statement,
)
from app.progress.sqlfuncs import month_key
from app.targets import rules as rules_mod
from app.targets.rules import Rules

R = ProgressRollup
M = ProgressRollupMonth


# --- reading ----------------------------------------------------------------------------------------

def ensure(session: OrmSession, rules: Rules) -> dict[tuple[str, bool], str]:
    """Brings the rollup up to date (this transaction's changes; any missing or stale slice) before reading.

    Normally only the first read on a new database, or after a deploy that changed a metric's SQL, builds
    anything; changing the rules through the API rebuilds in that request. Records loaded outside the
    application leave the slices looking current: rebuild them (`zhaoshang progress-rollup --rebuild`).
    """
    upkeep.apply(session)
    built = built_slices(session)
    if any(built.get((m.key, city)) != fingerprint(session, m, rules, city) for m, city in slices(session, rules)):
        sync(session, rules)
        built = built_slices(session)
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
        for row in session.connection().execute(_readstatement(tuple(shapes), as_cents), params).all():
            rows[row[0]].append(row)
    return [None if n is None else (rows[n], 100 if as_cents or isinstance(_raw_type(r.metric.key), Money) else 1)
            for r, n in zip(requests, parts, strict=True)]


@lru_cache(maxsize=64)
def _readstatement(shapes: tuple[tuple[bool, int, bool, bool], ...], as_cents: bool):
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
        return select(cast(unit, Integer).label("unit_id"), table.month, table.status,
                      func.nullif(table.region, "").label("region"), table.raw)

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


@lru_cache(maxsize=64)
def _raw_type(metric_key: str):
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

def _grain(rows):
    """The metric rows' grain columns: unit (0 for none) and region ('' for none) are never NULL in a key."""
    region = func.coalesce(rows.c.region, "") if "region" in rows.c else literal("")
    return func.coalesce(rows.c.unit_id, 0), rows.c.on, rows.c.status, region


def _fill(session: OrmSession, metric: Metric, rules: Rules, city: bool) -> None:
    """Replaces the slice's rows with the metric's rows, summed by day and by month."""
    session.execute(delete(R).where(R.metric == metric.key, R.city == city))
    session.execute(delete(M).where(M.metric == metric.key, M.city == city))
    rows = statement(metric, rules, city).subquery()
    unit, on, status, region = _grain(rows)
    session.execute(R.__table__.insert().from_select(
        ["metric", "city", "unit_id", "day", "status", "region", "month", "raw", "n"],
        select(literal(metric.key), literal(city), unit, on, status, region, month_key(on), func.sum(rows.c.raw),
               func.count()).group_by(unit, on, status, region)))
    keys = [R.unit_id, R.month, R.status, R.region]
    session.execute(M.__table__.insert().from_select(
        ["metric", "city", "unit_id", "month", "status", "region", "raw", "n"],
        select(literal(metric.key), literal(city), *keys, func.sum(R.raw), func.sum(R.n))
        .where(R.metric == metric.key, R.city == city).group_by(*keys)))


def sync(session: OrmSession, rules: Rules | None = None, *, force: bool = False) -> list[str]:
    """Builds every slice that is missing or stale (all of them with `force`); returns what was built."""
    if rules is None:
        rules = rules_mod.load(session)[1]
    upkeep.apply(session)  # this transaction's own deltas first: the slices not rebuilt need them
    lock_exclusively(session)
    built = built_slices(session)
    wanted = {(m.key, city): (m, city, fingerprint(session, m, rules, city)) for m, city in slices(session, rules)}
    done = []
    for key, (metric, city, fp) in wanted.items():
        if not force and built.get(key) == fp:
            continue
        _fill(session, metric, rules, city)
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
    """Differences between the stored rollup and the records (for `zhaoshang progress-rollup --check`).

    Run it in one snapshot (REPEATABLE READ on PostgreSQL, as the CLI does) while others write: otherwise the
    records and the rollup are read at different moments and a write between the two looks like a difference."""
    upkeep.apply(session)
    _, rules = rules_mod.load(session)
    problems = []
    built = built_slices(session)
    for metric, city in slices(session, rules):
        name = f"{metric.key}{' (city)' if city else ''}"
        if built.get((metric.key, city)) != fingerprint(session, metric, rules, city):
            problems.append(f"{name}: 未建立或已过期 (not built or stale)")
            continue
        rows = statement(metric, rules, city).subquery()
        grain = _grain(rows)
        live = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(*grain, func.sum(rows.c.raw), func.count()).group_by(*grain))}
        stored = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(R.unit_id, R.day, R.status, R.region, type_coerce(R.raw, rows.c.raw.type), R.n)
            .where(R.metric == metric.key, R.city == city))}
        if live != stored:
            diff = sorted(set(live.items()) ^ set(stored.items()), key=str)[:5]
            problems.append(f"{name}: 与记录不一致 (differs) {diff}")
        keys = [R.unit_id, R.month, R.status, R.region]
        by_day = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(*keys, func.sum(R.raw), func.sum(R.n)).where(R.metric == metric.key, R.city == city)
            .group_by(*keys))}
        by_month = {tuple(r[:4]): tuple(r[4:]) for r in session.execute(
            select(M.unit_id, M.month, M.status, M.region, M.raw, M.n).where(M.metric == metric.key, M.city == city))}
        if by_day != by_month:
            problems.append(f"{name}: 月汇总与日汇总不一致 (months differ from days)")
    return problems
