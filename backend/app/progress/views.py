"""Turning computed figures into the API's answers: progress items, rankings, drill-downs, the funnel."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, select
from sqlmodel import Session, col

from app.core.errors import NotFound, Unprocessable
from app.core.models import pk
from app.core.typing import AnySelect
from app.enterprises.models import Enterprise
from app.events.models import Event
from app.funds.models import FundsReport
from app.leads.models import Lead
from app.progress import service
from app.progress.metrics import COUNTED, REGISTRY
from app.progress.schemas import (
    DrilldownPart,
    DrilldownPublic,
    DrilldownRow,
    FunnelPublic,
    FunnelStep,
    OverallRow,
    ProgressItem,
    RankingByTarget,
    RankingPublic,
    RankingRow,
)
from app.progress.windows import Window, window_for
from app.projects.models import Project, Stage
from app.records.exports import REGION_ZH
from app.records.models import Region
from app.targets.models import Target, TargetSet
from app.targets.rules import Rules
from app.units.models import Unit
from app.visits.models import Visit

HREF = {"visit": "/api/v1/visits/{}", "project": "/api/v1/projects/{}", "funds_report": "/api/v1/funds-reports/{}",
        "event": "/api/v1/events/{}", "lead": "/api/v1/leads/{}"}


def items_public(items: list[service.Item], rules: Rules) -> list[ProgressItem]:
    """Every value comes typed from the computation; the schema serialises it. What a target's items share
    (titles, rule texts, window) is worked out once per target, not once per unit: a city dashboard has a
    hundred units' items of a dozen targets."""
    shared: dict[tuple[int | None, Window], dict[str, Any]] = {}
    out: list[ProgressItem] = []
    for item in items:
        t, cell, unit = item.target, item.cell, item.unit
        base = shared.get((t.id, item.window))
        if base is None:
            base = shared[(t.id, item.window)] = dict(
                target_id=t.id, code=t.code, metric=t.metric, title_zh=t.title_zh, title_en=t.title_en,
                period=t.period, applies_to=t.applies_to, window_start=item.window.start,
                window_end=item.window.end, period_end=item.window.full_end, value_kind=item.metric.kind,
                elapsed_ratio=item.window.elapsed, rule_zh=item.metric.rule_zh(rules),
                rule_en=item.metric.rule_en(rules))
        status, colour = service.status_of(item, rules)
        actual, reported = cell.verified, cell.reported
        out.append({  # a ProgressItem (a TypedDict), written as a literal: this runs once per figure
            **base,  # type: ignore[typeddict-item]  # the target's shared keys
            "unit_id": unit.id if unit else None, "unit_name": unit.name_zh if unit else None,
            "unit_type": unit.type if unit else t.unit_type, "threshold": item.threshold, "actual": actual,
            "reported": reported, "unverified": reported - actual, "ratio": item.ratio, "status": status,
            "colour": colour, "trend": [{"month": month, "value": value} for month, value in cell.trend()]})
    return out


def ranking(items: list[service.Item], unit_type: str, year: int, quarter: int | None) -> RankingPublic:
    """Per target, units by completion ratio; overall, by the mean of ratios capped at 100 %."""
    by_target: dict[int | None, list[tuple[service.Item, Unit, Decimal]]] = defaultdict(list)
    for item in items:
        if item.unit is not None and item.ratio is not None:
            by_target[item.target.id].append((item, item.unit, item.ratio))
    tables: list[RankingByTarget] = []
    scores: dict[int | None, list[tuple[Unit, Decimal]]] = defaultdict(list)
    for rows in by_target.values():
        rows.sort(key=lambda row: (-(row[2] or 0), row[1].code))
        tables.append(RankingByTarget(target_id=rows[0][0].target.id, code=rows[0][0].target.code,
                                      title_zh=rows[0][0].target.title_zh, rows=[
            RankingRow(rank=n, unit_id=u.id, unit_name=u.name_zh, actual=i.cell.verified,
                       threshold=i.threshold, ratio=r) for n, (i, u, r) in enumerate(rows, 1)]))
        for _item, u, r in rows:
            scores[u.id].append((u, min(r, Decimal("1"))))
    overall = sorted(((unit, sum((r for _, r in rs), Decimal(0)) / len(rs), sum(1 for _, r in rs if r >= 1), len(rs))
                      for unit, rs in ((v[0][0], v) for v in scores.values())), key=lambda x: (-x[1], x[0].code))
    return RankingPublic(unit_type=unit_type, year=year, quarter=quarter,
                         by_target=sorted(tables, key=lambda t: t.code),
                         overall=[OverallRow(rank=n, unit_id=u.id, unit_name=u.name_zh,
                                             score=score.quantize(Decimal("0.0001")), targets_met=met, targets=total)
                                  for n, (u, score, met, total) in enumerate(overall, 1)])


def ranking_from_dicts(items: list[dict[str, Any]], unit_type: str) -> list[dict[str, Any]]:
    """Overall ranking of one unit type from stored (snapshot) items: mean ratio capped at 100 %."""
    types = service.unit_types_of(unit_type)
    per_unit: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i in items:
        if i["unit_id"] is not None and i["unit_type"] in types and i["ratio"] is not None:
            per_unit[i["unit_id"]].append(i)
    rows = []
    for unit_items in per_unit.values():
        ratios = [min(Decimal(i["ratio"]), Decimal("1")) for i in unit_items]
        rows.append({"unit_id": unit_items[0]["unit_id"], "unit_name": unit_items[0]["unit_name"],
                     "score": (sum(ratios, Decimal(0)) / len(ratios)).quantize(Decimal("0.0001")),
                     "met": sum(1 for r in ratios if r >= 1), "targets": len(ratios)})
    rows.sort(key=lambda r: (-r["score"], r["unit_name"]))
    return [{**r, "rank": n} for n, r in enumerate(rows, 1)]


def _drilldown_target(session: Session, target_set: TargetSet, target_id: int) -> Target:
    target = session.get(Target, target_id)
    if target is None or target.target_set_id != target_set.id:
        raise NotFound("目标不存在")
    return target


def drilldown(session: Session, target_set: TargetSet, rules: Rules, target_id: int, *, year: int,
              quarter: int | None, as_of: date, unit_id: int | None, verified_only: bool, limit: int = 100,
              cursor: str | None = None, first: DrilldownPublic | None = None,
              region: str | None = None) -> DrilldownPublic:
    """A page of the records behind a figure. A later page of an export passes the `first` page: its count and
    total stand, they are not read again for every page."""
    target = _drilldown_target(session, target_set, target_id)
    metric = REGISTRY[target.metric]
    window = window_for(target.period, target_set, year, as_of, quarter)
    unit_type = target.unit_type if target.applies_to == "unit_type_total" and unit_id is None else None
    after = _parse_cursor(cursor) if cursor else None
    page = service.drilldown_rows(session, metric, rules, window, unit_id=unit_id, unit_type=unit_type,
                                  verified_only=verified_only, limit=limit, after=after, with_count=first is None,
                                  region=region, exempt=frozenset(target.exempt_unit_ids or ()))
    count, total = (first.count, first.total) if first is not None else (page.count, page.total)
    parts = first.parts if first is not None else [
        DrilldownPart(region=r, label_zh=REGION_ZH[Region(r)], count=n, total=t) for r, n, t in page.parts]
    assert count is not None and total is not None
    return DrilldownPublic(
        target_id=pk(target), code=target.code, title_zh=target.title_zh, title_en=target.title_en,
        metric=metric.key, value_kind=metric.kind, record_type=metric.record_type, unit_id=unit_id,
        window_start=window.start, window_end=window.end, verified_only=verified_only, count=count,
        total=total, rule_zh=metric.rule_zh(rules), rule_en=metric.rule_en(rules), region=region, parts=parts,
        next_cursor=_cursor_of(page.next_after),
        data=_rows(session, metric.record_type, page.rows))


def drilldown_batches(session: Session, target_set: TargetSet, rules: Rules, target_id: int, *, year: int,
                      quarter: int | None, as_of: date, unit_id: int | None, verified_only: bool,
                      batch: int = 1000, region: str | None = None
                      ) -> tuple[DrilldownPublic, Iterator[list[DrilldownRow]]]:
    """Every row behind a figure, a batch at a time (for the export): the first page's answer and the rows. The
    count is read once, with the first page."""
    first = drilldown(session, target_set, rules, target_id, year=year, quarter=quarter, as_of=as_of,
                      unit_id=unit_id, verified_only=verified_only, limit=batch, region=region)

    def batches() -> Iterator[list[DrilldownRow]]:
        page = first
        yield page.data
        while page.next_cursor:
            page = drilldown(session, target_set, rules, target_id, year=year, quarter=quarter, as_of=as_of,
                             unit_id=unit_id, verified_only=verified_only, limit=batch, cursor=page.next_cursor,
                             first=first, region=region)
            yield page.data
    return first, batches()


def _cursor_of(after: tuple[date, int] | None) -> str | None:
    return f"{after[0].isoformat()}_{after[1]}" if after else None


def _rows(session: Session, record_type: str, rows: list[tuple[Any, ...]]) -> list[DrilldownRow]:
    labels = _labels(session, record_type, [r[0] for r in rows])
    return [DrilldownRow(record_type=record_type, id=r[0], unit_id=r[1], on=r[2], status=r[3], value=r[4],
                         label=labels.get(r[0], ""), href=HREF[record_type].format(r[0])) for r in rows]


def _labels(session: Session, record_type: str, ids: list[int]) -> dict[int, str]:
    """A short name for each record of a page, in one query: whom a visit or lead was about, a project's
    name, a funds report's project and month, an event's title."""
    if not ids:
        return {}
    if record_type in ("visit", "lead"):
        model = Visit if record_type == "visit" else Lead
        stmt = select(col(model.id), col(Enterprise.name)).join(Enterprise,
                                                                col(Enterprise.id) == col(model.enterprise_id))
        return dict(session.execute(stmt.where(col(model.id).in_(ids))).all())
    if record_type == "project":
        return dict(session.execute(select(col(Project.id), col(Project.name)).where(col(Project.id).in_(ids))).all())
    if record_type == "funds_report":
        reports = (select(col(FundsReport.id), col(Project.name), col(FundsReport.period))
                   .join(Project, col(Project.id) == col(FundsReport.project_id)).where(col(FundsReport.id).in_(ids)))
        return {rid: f"{name}（{period:%Y-%m}）" for rid, name, period in session.execute(reports)}
    if record_type == "event":
        return dict(session.execute(select(col(Event.id), col(Event.title)).where(col(Event.id).in_(ids))).all())
    return {}


def _parse_cursor(cursor: str) -> tuple[date, int]:
    try:
        day, rid = cursor.split("_")
        return date.fromisoformat(day), int(rid)
    except ValueError as exc:
        raise Unprocessable("分页游标无效", errors=[{"field": "cursor", "message": "无效"}]) from exc


def _rate(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None


def funnel(session: Session, year: int, unit_id: int | None) -> FunnelPublic:
    """Two chains, each step a subset of the one before, so a later count never exceeds an earlier one:

    - `steps`, the leads received in the year: of them, those visited; of those, the ones a project came from;
      of those, the ones whose project is signed;
    - `stages`, the projects signed in the year: of them, those started; of those, the ones in production.

    Rates are over projects signed in the year (owner unit when a unit is given)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    leads = select(col(Lead.id)).where(col(Lead.received_on).between(start, end))
    if unit_id is not None:
        leads = leads.where(col(Lead.unit_id) == unit_id)

    def count(stmt: AnySelect) -> int:
        n: int = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
        return n

    counted_visit = exists().where(col(Visit.lead_id) == Lead.id, col(Visit.status).in_(COUNTED))
    visited = leads.where(counted_visit)
    projected = visited.where(exists().where(col(Project.lead_id) == Lead.id, col(Project.status).in_(COUNTED)))
    lead_signed = visited.where(exists().where(col(Project.lead_id) == Lead.id, col(Project.status).in_(COUNTED),
                                               col(Project.signed_on).is_not(None)))
    signed = select(Project).where(col(Project.signed_on).between(start, end), col(Project.status).in_(COUNTED))
    if unit_id is not None:
        signed = signed.where(col(Project.unit_id) == unit_id)
    projects = list(session.execute(signed).scalars())
    n_signed = len(projects)
    started = sum(1 for p in projects if p.started_on is not None)
    producing = sum(1 for p in projects if p.started_on is not None and p.in_production_on is not None)
    kept = sum(1 for p in projects if p.stage != Stage.dropped)
    investment = sum((p.total_investment for p in projects), Decimal("0"))
    signed_ids = signed.with_only_columns(col(Project.id))
    funds = session.execute(select(func.sum(FundsReport.amount)).where(
        col(FundsReport.project_id).in_(signed_ids), col(FundsReport.status).in_(COUNTED))).scalar() or Decimal("0")
    steps = [("leads", "线索", count(leads)), ("visited", "其中已走访", count(visited)),
             ("project", "其中形成项目", count(projected)), ("lead_signed", "其中已签约", count(lead_signed))]
    stages = [("signed", "当年签约项目", n_signed), ("started", "其中已开工", started),
              ("in_production", "其中已投产", producing)]
    return FunnelPublic(year=year, unit_id=unit_id,
                        steps=[FunnelStep(step=s, label_zh=z, count=c) for s, z, c in steps],
                        stages=[FunnelStep(step=s, label_zh=z, count=c) for s, z, c in stages],
                        signed_investment=investment, funds_in_place=funds, fulfilment_rate=_rate(kept, n_signed),
                        start_rate=_rate(started, n_signed), production_rate=_rate(producing, n_signed),
                        funds_rate=_rate(funds, investment))
