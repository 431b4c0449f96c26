"""Progress against targets: figures per target and unit, status, ranking and the drill-down behind them.

Every figure comes from `metrics.REGISTRY`; the same rows give the figure and its drill-down.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import Subquery
from sqlmodel import Session, col

from app.core.errors import NotFound, Unprocessable
from app.core.models import pk
from app.core.pagination import after as keyset_after
from app.progress import metrics, rollup
from app.progress.metrics import REGISTRY, Metric, value_of
from app.progress.sqlfuncs import month_key
from app.progress.windows import Window, window_for
from app.records.models import Status
from app.targets.models import AppliesTo, Target, TargetSet
from app.targets.rules import Rules
from app.units.models import Unit
from app.units.models import unit_types_of as unit_types_of  # re-exported: progress callers read it here

CITY = 0  # key of the city-wide cell


@lru_cache(maxsize=65536)
def _rounded(raw: int, divisor: int) -> Decimal:
    """raw / divisor to two places, half to even, in integers. Cached: a dashboard's month values repeat a lot
    (counts of a few visits), and a Decimal is immutable, so one object serves every figure of that value."""
    cents, rest = divmod(raw * 100, divisor)
    if 2 * rest > divisor or (2 * rest == divisor and cents % 2):
        cents += 1
    return Decimal(cents).scaleb(-2)


@dataclass
class Cell:
    """A figure's raw sums (weights in basis points, money × weight); turned into values only when read, so a
    sum over months or units is rounded once — exactly as the drill-down's total is."""

    divisor: int = 1
    verified_raw: Decimal | int = 0
    reported_raw: Decimal | int = 0  # submitted and verified
    months_raw: dict[str, Decimal | int] = field(default_factory=dict)  # "2019-03" → verified

    def _value(self, raw: Decimal | int) -> Decimal:
        if isinstance(raw, int):  # integer sums (the rollup's): rounded in integers, far cheaper than decimals
            return _rounded(raw, self.divisor)
        return (Decimal(raw) / self.divisor).quantize(Decimal("0.01"))

    @property
    def verified(self) -> Decimal:
        return self._value(self.verified_raw)

    @property
    def reported(self) -> Decimal:
        return self._value(self.reported_raw)

    def trend(self) -> list[tuple[str, Decimal]]:
        """(month, verified value), in month order."""
        value = self._value
        return [(month, value(raw)) for month, raw in sorted(self.months_raw.items())]

    def add(self, verified_raw: Decimal | int | None, reported_raw: Decimal | int | None,
            month: str | None = None) -> None:
        self.verified_raw += verified_raw or 0
        self.reported_raw += reported_raw or 0
        if month is not None and verified_raw:
            self.months_raw[month] = self.months_raw.get(month, 0) + verified_raw


@dataclass
class Item:
    target: Target
    unit: Unit | None
    window: Window
    cell: Cell
    threshold: Decimal | None
    metric: Metric

    @cached_property
    def ratio(self) -> Decimal | None:
        if not self.threshold:
            return None
        return (self.cell.verified / self.threshold).quantize(Decimal("0.0001"))


def status_of(item: Item, rules: Rules) -> tuple[str, str]:
    """(status, colour): ahead / on_track / behind / missed, green / amber / red."""
    ratio = item.ratio
    if ratio is None:
        return "no_target", "grey"
    if ratio >= 1:
        return "ahead", "green"
    if item.window.finished:
        return "missed", "red"
    elapsed = item.window.elapsed
    if ratio >= elapsed:
        return "on_track", "green"
    return "behind", "amber" if ratio >= elapsed * rules.rag_amber_ratio else "red"


def _aggregate(session: Session, metric: Metric, rules: Rules, window: Window, city: bool) -> dict[int, Cell]:
    """One grouped query from the records: (unit, month[, region]) → verified and reported raw sums."""
    by_region = _by_region(metric, city)
    rows = metric.rows(rules, window.start, window.end, city).subquery()
    stmt = metrics.grouped(rows.c.unit_id, month_key(rows.c.on), rows.c.status, rows.c.raw,
                           rows.c.region if by_region else None)
    result: Sequence[Sequence[Any]] = session.connection().execute(stmt).all()
    if not by_region:
        result = [(None, unit_id, month, None, verified, reported) for unit_id, month, verified, reported in result]
    else:
        result = [(None, *row) for row in result]
    return _cells(metric, rules, city, result, 1)


def _by_region(metric: Metric, city: bool) -> bool:
    return metric.city_reduce == "min_region" and city


def _cells(metric: Metric, rules: Rules, city: bool, rows: Iterable[Sequence[Any]], scale: int) -> dict[int, Cell]:
    """Cells from (part, unit_id, month, region, verified raw, reported raw) rows; `scale` is what the raw values
    carry beyond the metric's own divisor (the rollup's sums come in hundredths)."""
    divisor = metric.divisor * scale
    if _by_region(metric, city):
        return {CITY: _min_region(divisor, rules, rows)}
    cells: dict[int, Cell] = {}
    # the hot loop of a dashboard (thousands of rows): Cell.add written out, with no call per row
    for _part, unit_id, month, _region, verified_raw, reported_raw in rows:
        key = CITY if city else unit_id
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell(divisor)
        if reported_raw:
            cell.reported_raw += reported_raw
        if verified_raw:
            cell.verified_raw += verified_raw
            months = cell.months_raw
            months[month] = months.get(month, 0) + verified_raw
    return cells


def _sum_cells(cells: Iterable[Cell], divisor: int) -> Cell:
    """The sum of one metric's cells, in their raw units (`divisor` only when there are none)."""
    cells = list(cells)
    total = Cell(cells[0].divisor if cells else divisor)
    for cell in cells:
        assert cell.divisor == total.divisor, "cells of one metric share their units"
        total.add(cell.verified_raw, cell.reported_raw)
        for month, raw in cell.months_raw.items():
            total.months_raw[month] = total.months_raw.get(month, 0) + raw
    return total


def _min_region(divisor: int, rules: Rules, result: Iterable[Sequence[Any]]) -> Cell:
    from app.progress.metrics import THREE_REGIONS

    verified: dict[str, Decimal] = defaultdict(Decimal)
    reported: dict[str, Decimal] = defaultdict(Decimal)
    months: dict[str, Decimal] = defaultdict(Decimal)
    for _part, _unit_id, month, region, verified_raw, reported_raw in result:
        reported[region] += reported_raw or 0
        verified[region] += verified_raw or 0
        if verified_raw:
            months[month] += verified_raw
    return Cell(divisor, verified_raw=reduce_regions(rules, [verified[r] for r in THREE_REGIONS]),
                reported_raw=reduce_regions(rules, [reported[r] for r in THREE_REGIONS]), months_raw=dict(months))


def reduce_regions(rules: Rules, per_region: list[Decimal]) -> Decimal:
    """A by-region figure from its three regions' values (the metric's rows are only of those three): the fewest
    when the rules want each region covered, else all of them together."""
    return min(per_region) if rules.events_each_region else sum(per_region, Decimal("0"))


def get_target_set(session: Session, target_set_id: int | None) -> TargetSet:
    stmt = select(TargetSet)
    stmt = (stmt.where(col(TargetSet.id) == target_set_id) if target_set_id
            else stmt.where(col(TargetSet.active).is_(True)))
    ts: TargetSet | None = session.execute(stmt.order_by(col(TargetSet.start_date).desc()).limit(1)).scalar()
    if ts is None:
        raise NotFound("目标方案不存在")
    return ts


def compute(
    session: Session, target_set: TargetSet, rules: Rules, *, year: int, quarter: int | None, as_of: date,
    unit_ids: set[int] | None = None, include_city: bool = True, target_ids: set[int] | None = None,
    use_rollup: bool = True,
) -> list[Item]:
    """Every applicable (target, unit) figure as of `as_of`. `unit_ids` limits which units' rows appear.

    `use_rollup=False` computes from the records alone (tests compare the two)."""
    if not (target_set.start_date.year <= year <= target_set.end_date.year):
        raise Unprocessable(f"{year} 年不在目标方案 {target_set.name} 的期间内",
                            errors=[{"field": "year", "message": "不在方案期间内"}])
    targets = list(session.execute(select(Target).where(col(Target.target_set_id) == target_set.id)
                                   .order_by(col(Target.code), col(Target.id))).scalars())
    if target_ids is not None:
        targets = [t for t in targets if t.id in target_ids]
    units = {pk(u): u for u in session.execute(select(Unit).where(col(Unit.active).is_(True))).scalars()}
    figures = _plan(targets, target_set, units, year=year, as_of=as_of, quarter=quarter, unit_ids=unit_ids,
                    include_city=include_city)
    cache: dict[tuple[Any, ...], dict[int, Cell]] = {}
    if use_rollup:
        _prefetch(session, rules, cache, _reads(figures, rules))

    def cells(metric: Metric, window: Window, city: bool) -> dict[int, Cell]:
        key = (metric.key, window.start, window.end, city)
        if key not in cache:
            if city and metric.city_is_unit_sum(rules):  # the city is the sum of the units: no second query
                cache[key] = {CITY: _sum_cells(cells(metric, window, False).values(), metric.divisor)}
            else:  # not (yet) in the rollup: from the records
                cache[key] = _aggregate(session, metric, rules, window, city)
        return cache[key]

    overrides = {(t.code, t.unit_id): t for t in targets if t.applies_to == AppliesTo.unit}
    items: list[Item] = []
    for f in figures:
        target, metric, window = f.target, f.metric, f.window
        if f.kind == "city":
            items.append(Item(target, None, window, _cell(cells(metric, window, True), CITY, metric),
                              target.threshold, metric))
        elif f.kind == "each":
            by_unit = cells(metric, window, False)
            for unit in f.units:
                threshold = _unit_threshold(target, overrides.get((target.code, unit.id)), targets, units, rules)
                items.append(Item(target, unit, window, _cell(by_unit, pk(unit), metric), threshold, metric))
        elif f.kind == "total":
            by_unit = cells(metric, window, False)
            total = _sum_cells((by_unit[u.id] for u in f.units if u.id in by_unit), metric.divisor)
            items.append(Item(target, None, window, total, target.threshold, metric))
        else:  # "one": a single unit's own target
            unit = f.units[0]
            items.append(Item(target, unit, window, _cell(cells(metric, window, False), pk(unit), metric),
                              target.threshold, metric))
    return items


def _cell(cells: dict[int, Cell], key: int, metric: Metric) -> Cell:
    found = cells.get(key)
    return found if found is not None else Cell(metric.divisor)


@dataclass(frozen=True)
class _Figure:
    """What one target contributes to an answer, worked out before anything is read: the same plan decides
    which aggregates are read (and which units' rows they keep apart) and which items are built."""

    target: Target
    metric: Metric
    window: Window
    kind: Literal["city", "each", "total", "one"]  # the city's figure; one item per unit; the units' sum; a unit's own
    units: tuple[Unit, ...] = ()


def bound_units(target: Target, units: dict[int, Unit]) -> list[Unit]:
    """The units a target of a unit type binds: every unit of its type but those it names as exempt."""
    types, exempt = unit_types_of(target.unit_type), set(target.exempt_unit_ids or ())
    return [u for u in units.values() if u.type in types and u.id not in exempt]


def _plan(targets: list[Target], target_set: TargetSet, units: dict[int, Unit], *, year: int, as_of: date,
          quarter: int | None, unit_ids: set[int] | None, include_city: bool) -> list[_Figure]:
    figures = []
    for target in targets:
        metric = REGISTRY[target.metric]
        window = window_for(target.period, target_set, year, as_of, quarter)
        if target.applies_to == AppliesTo.city:
            if include_city:
                figures.append(_Figure(target, metric, window, "city"))
        elif target.applies_to == AppliesTo.unit_type:
            members = sorted((u for u in bound_units(target, units) if unit_ids is None or u.id in unit_ids),
                             key=lambda u: u.code)
            figures.append(_Figure(target, metric, window, "each", tuple(members)))
        elif target.applies_to == AppliesTo.unit_type_total and include_city:
            figures.append(_Figure(target, metric, window, "total", tuple(bound_units(target, units))))
        elif target.applies_to == AppliesTo.unit and target.unit_id in units and (
                unit_ids is None or target.unit_id in unit_ids) and not _covered_by_type(target, targets, units):
            figures.append(_Figure(target, metric, window, "one", (units[target.unit_id],)))
    return figures


def _reads(figures: list[_Figure], rules: Rules) -> dict[tuple[Any, ...], rollup.Request]:
    """The (metric, window, city) aggregates the figures need, and the units each must keep apart: the rows of
    every other unit come summed into one, which is all a city total made of units needs of them."""
    reads: dict[tuple[Any, ...], tuple[Metric, Window, bool, set[int]]] = {}
    for f in figures:
        city = f.kind == "city" and not f.metric.city_is_unit_sum(rules)
        key = (f.metric.key, f.window.start, f.window.end, city)
        reads.setdefault(key, (f.metric, f.window, city, set()))[3].update(pk(u) for u in f.units)
    return {key: rollup.Request(metric, window.start, window.end, city, _by_region(metric, city),
                                frozenset(apart))
            for key, (metric, window, city, apart) in reads.items()}


def _prefetch(session: Session, rules: Rules, cache: dict[tuple[Any, ...], dict[int, Cell]],
              reads: dict[tuple[Any, ...], rollup.Request]) -> None:
    """Reads every aggregate the computation needs from the rollup in one statement, into `cache`."""
    built = rollup.ensure(session, rules)
    for key, got in zip(reads, rollup.read_many(session, rules, list(reads.values()), built), strict=True):
        if got is not None:
            request = reads[key]
            cache[key] = _cells(request.metric, rules, request.city, *got)


def _covered_by_type(target: Target, targets: list[Target], units: dict[int, Unit]) -> bool:
    """A unit target that adjusts a type-wide one is shown through that one, not on its own."""
    unit_id = target.unit_id
    assert unit_id is not None  # a unit target names its unit
    unit_type = units[unit_id].type
    return any(t.code == target.code and t.applies_to == AppliesTo.unit_type and unit_type in unit_types_of(t.unit_type)
               for t in targets)


def _unit_threshold(target: Target, override: Target | None, targets: list[Target], units: dict[int, Unit],
                    rules: Rules) -> Decimal | None:
    """A unit's threshold: its own adjusted one, else the type's.

    Target 3 (funds of 100m+ projects) is the one the plan gives only as a city total: by rule it binds
    the city total (units show their part, no status) or each unit (its own threshold, or an equal share).
    """
    if target.metric != "funds_yi_projects":
        return (override or target).threshold
    if rules.funds_target_scope == "city_total":
        return None
    if override is not None:
        return override.threshold
    city = next((t for t in targets if t.metric == target.metric and t.applies_to == AppliesTo.city), None)
    members = bound_units(target, units)
    if city is None or not members:
        return None
    return (city.threshold / len(members)).quantize(Decimal("0.01"))


@dataclass
class Drilldown:
    count: int | None  # None when not asked for (a later page of an export: the first page's count stands)
    total: Decimal | None
    rows: list[tuple[Any, ...]]  # (record id, unit id, date, status, value), one page
    next_after: tuple[date, int] | None
    parts: list[tuple[str, int, Decimal]] = field(default_factory=list)  # (region, count, total) of a by-region figure


def drilldown_rows(session: Session, metric: Metric, rules: Rules, window: Window, *, unit_id: int | None,
                   unit_type: str | None, verified_only: bool, limit: int = 100,
                   after: tuple[date, int] | None = None, with_count: bool = True,
                   region: str | None = None, exempt: frozenset[int] = frozenset()) -> Drilldown:
    """The exact rows behind a figure, a page at a time (ordered by date, id), with their count and sum.

    The count and sum come from the rollup the figure is read from (its rows carry their count), so a page
    costs the same at any depth: the rows by keyset, never a recount of the records. A figure reduced over
    regions (the fewest of three) lists every region's rows with each region's count and sum (`parts`): its
    total is the figure, the region with fewest, and `region` narrows the rows to one of them."""
    city = unit_id is None and unit_type is None
    by_region = _by_region(metric, city)
    if region is not None and not by_region:
        raise Unprocessable("该指标不按地区统计，不能按地区查看明细", code="no-regions")

    def units(column: ColumnElement[Any] | Mapped[int]) -> list[ColumnElement[bool]]:
        if unit_id is not None:
            return [column == unit_id]
        if unit_type is not None:
            return [col(column).in_(select(col(Unit.id)).where(col(Unit.type).in_(unit_types_of(unit_type)),
                                                                col(Unit.id).not_in(exempt)))]
        return []

    rows = metric.rows(rules, window.start, window.end, city).subquery()
    conditions = units(rows.c.unit_id)
    if verified_only:
        conditions.append(rows.c.status == Status.verified)
    count: int | None = None
    total: Decimal | None = None
    parts: list[tuple[str, int, Decimal]] = []
    if by_region and with_count:
        parts, count, total = _region_parts(session, metric, rules, rows, conditions)
        if region is not None:
            count, total = next(((n, t) for r, n, t in parts if r == region), (0, value_of(metric, 0)))
    if region is not None:
        conditions.append(rows.c.region == region)
    if with_count and not by_region:
        summed = rollup.count_and_sum(session, rules, metric, window.start, window.end, city=city, units=units,
                                      verified_only=verified_only)
        if summed is None:  # the slice is not built: count the records
            summed = session.execute(select(func.count(), func.sum(rows.c.raw)).where(*conditions)).one()
        count, total = summed[0], value_of(metric, summed[1])
    page = select(rows.c.rid, rows.c.unit_id, rows.c.on, rows.c.status, rows.c.raw).where(*conditions)
    if after is not None:
        page = page.where(keyset_after(rows.c.on, rows.c.rid, *after))
    result = session.execute(page.order_by(rows.c.on, rows.c.rid).limit(limit + 1)).all()
    more = len(result) > limit
    result = result[:limit]
    return Drilldown(count=count, total=total,
                     rows=[(r[0], r[1], r[2], r[3], value_of(metric, r[4])) for r in result],
                     next_after=(result[-1][2], result[-1][0]) if more and result else None, parts=parts)


def _region_parts(session: Session, metric: Metric, rules: Rules, rows: Subquery, conditions: list[ColumnElement[bool]],
                  ) -> tuple[list[tuple[str, int, Decimal]], int, Decimal]:
    """Each of the three regions' count and sum, every row's count, and the figure they reduce to (by
    `reduce_regions`, as the dashboard's figure is)."""
    found = {region: (n, raw) for region, n, raw in session.execute(
        select(rows.c.region, func.count(), func.sum(rows.c.raw)).where(*conditions).group_by(rows.c.region))}
    parts = [(str(r), found.get(r, (0, 0))[0], value_of(metric, found.get(r, (0, 0))[1] or 0))
             for r in metrics.THREE_REGIONS]
    totals = [t for _r, _n, t in parts]
    figure = reduce_regions(rules, totals)
    return parts, sum(n for _r, n, _t in parts), figure
