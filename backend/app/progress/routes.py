"""Progress against targets. Unit staff see their own unit and the city's figures; the office and leaders
see every unit and the rankings."""

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse

from app.authz.deps import allow
from app.authz.policy import Action, is_allowed
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core import xlsx
from app.core.deps import SessionDep
from app.core.errors import Forbidden, NotFound
from app.core.models import pk
from app.core.schemas import Id
from app.core.time import utcnow
from app.progress import cache, rollup, service, views
from app.progress.metrics import REGISTRY
from app.progress.schemas import (
    DrilldownPublic,
    DrilldownRow,
    FunnelPublic,
    MetricPublic,
    MetricsPublic,
    ProgressPublic,
    RankingPublic,
)
from app.progress.windows import quarter_bounds
from app.records.exports import REGION_ZH, Names, label
from app.records.models import Region
from app.records.service import STATUS_ZH
from app.targets.models import TargetSet
from app.targets.rules import Rules

router = APIRouter(prefix="/api/v1/progress", tags=["progress"])
Reader = Annotated[Principal, allow(Action.progress_read)]
CityReader = Annotated[Principal, allow(Action.progress_city_read)]
Year = Annotated[int, Query(ge=2000, le=2100, description="年度")]
Quarter = Annotated[int | None, Query(ge=1, le=4, description="季度；留空为全年")]
UNIT_TYPES = "office|industry_group|county|dev_zone|department|chamber|territorial"


def as_of_for(year: int, quarter: int | None) -> date:
    end = quarter_bounds(year, quarter)[1] if quarter else date(year, 12, 31)
    return min(end, utcnow().date())


def _unit_filter(principal: Principal, unit_id: int | None, unit_type: str | None) -> tuple[set[int] | None, bool]:
    """(units whose rows to show, whether to include city-wide rows). Another unit's figures answer 404."""
    scope = readable_units(principal)
    if not scope.all:
        if unit_id is not None and unit_id not in scope:
            raise NotFound("单位不存在")
        return set(scope.ids), unit_id is None
    if unit_id is not None:
        return {unit_id}, False
    return None, True


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


@router.get("", response_model=ProgressPublic)
def get_progress(
    session: SessionDep, principal: Reader, year: Year, quarter: Quarter = None, unit_id: Id | None = None,
    unit_type: Annotated[str | None, Query(pattern=f"^({UNIT_TYPES})$")] = None, target_set_id: Id | None = None,
) -> Response:
    """Every applicable target with actual (verified), reported, ratio, time elapsed, status and monthly trend."""
    target_set = service.get_target_set(session, target_set_id)
    version_id, rules, pending = rollup.in_force(session)
    units, include_city = _unit_filter(principal, unit_id, unit_type)
    as_of = as_of_for(year, quarter)

    def compute() -> ProgressPublic:
        items = service.compute(session, target_set, rules, year=year, quarter=quarter, as_of=as_of,
                                unit_ids=units, include_city=include_city)
        if unit_type is not None:
            types = service.unit_types_of(unit_type)
            items = [i for i in items if i.unit is not None and i.unit.type in types]
        return ProgressPublic.model_construct(  # built from typed values: serialised, not validated again
            target_set_id=pk(target_set), year=year, quarter=quarter, as_of=as_of, rule_version_id=version_id,
            rules_pending=pending, items=views.items_public(items, rules))

    key = ("progress", target_set.id, year, quarter, as_of, rules.model_dump_json(), version_id, pending,
           frozenset(units) if units is not None else None, include_city, unit_type)
    # the answer is cached as its JSON: a repeated read costs neither computing nor serialising
    return _json(cache.cached(session, key, lambda: compute().model_dump_json().encode()))


@router.get("/metrics", response_model=MetricsPublic)
def list_metrics(session: SessionDep, _: Reader) -> MetricsPublic:
    """The metric registry: what each target counts, in words, under the counting rules in force."""
    version_id, rules, _pending = rollup.in_force(session)
    return MetricsPublic(rule_version_id=version_id, data=[
        MetricPublic(key=m.key, name_zh=m.name_zh, name_en=m.name_en, value_kind=m.kind, record_type=m.record_type,
                     rule_zh=m.rule_zh(rules), rule_en=m.rule_en(rules)) for m in REGISTRY.values()])


@router.get("/ranking", response_model=RankingPublic)
def get_ranking(
    session: SessionDep, _: CityReader, year: Year, unit_type: Annotated[str, Query(pattern=f"^({UNIT_TYPES})$")],
    quarter: Quarter = None, target_set_id: Id | None = None,
) -> Response:
    target_set = service.get_target_set(session, target_set_id)
    _version, rules, _pending = rollup.in_force(session)
    as_of = as_of_for(year, quarter)

    def compute() -> RankingPublic:
        items = service.compute(session, target_set, rules, year=year, quarter=quarter, as_of=as_of,
                                include_city=False)
        types = service.unit_types_of(unit_type)
        return views.ranking([i for i in items if i.unit and i.unit.type in types], unit_type, year, quarter)

    key = ("ranking", target_set.id, year, quarter, as_of, rules.model_dump_json(), unit_type)
    return _json(cache.cached(session, key, lambda: compute().model_dump_json().encode()))


@dataclass
class DrilldownQuery:
    """Which figure: the same parameters for its page of records and for its export."""

    target_id: Id
    year: Year
    quarter: Quarter = None
    unit_id: Id | None = None
    verified_only: bool = True
    target_set_id: Id | None = None
    region: Region | None = None


def _drilldown_context(session: SessionDep, principal: Principal, q: DrilldownQuery) -> tuple[TargetSet, Rules]:
    """A city-wide figure's records are for city readers; another unit's answer 404, as its figures do."""
    if q.unit_id is None and not is_allowed(principal, Action.progress_city_read):
        raise Forbidden("全市汇总数的明细仅办公室和市领导可查看；请选择本单位")
    _unit_filter(principal, q.unit_id, None)
    return service.get_target_set(session, q.target_set_id), rollup.in_force(session)[1]


@router.get("/drilldown", response_model=DrilldownPublic)
def get_drilldown(
    session: SessionDep, principal: Reader, q: Annotated[DrilldownQuery, Depends()],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=40)] = None,
) -> DrilldownPublic:
    """Exactly the records behind a figure: `count` and `total` equal the figure; rows come a page at a time."""
    target_set, rules = _drilldown_context(session, principal, q)
    return views.drilldown(session, target_set, rules, q.target_id, year=q.year, quarter=q.quarter,
                           as_of=as_of_for(q.year, q.quarter), unit_id=q.unit_id, verified_only=q.verified_only,
                           limit=limit, cursor=cursor, region=q.region)


@router.get("/drilldown/export.xlsx", response_class=StreamingResponse, responses=xlsx.RESPONSES)
def export_drilldown(
    session: SessionDep, principal: Reader, q: Annotated[DrilldownQuery, Depends()],
) -> StreamingResponse:
    """Every record behind a figure as an Excel workbook: the drill-down's rows, with the same checks."""
    target_set, rules = _drilldown_context(session, principal, q)
    first, batches = views.drilldown_batches(session, target_set, rules, q.target_id, year=q.year,
                                             quarter=q.quarter, as_of=as_of_for(q.year, q.quarter),
                                             unit_id=q.unit_id, verified_only=q.verified_only, batch=xlsx.PAGE_SIZE,
                                             region=q.region)
    names = Names.load(session)
    unit_label = "全市" if q.unit_id is None else names.unit(q.unit_id)
    if q.region:
        unit_label += f"·{REGION_ZH[q.region]}"
    value_header = "金额（万元）" if first.value_kind == "money" else "计数"
    columns: list[xlsx.Column[DrilldownRow]] = [
        xlsx.Column("日期", lambda r: r.on, 11),
        xlsx.Column("记录编号", lambda r: r.id, 9),
        xlsx.Column("摘要", lambda r: r.label, 36),
        xlsx.Column("计入单位", lambda r: names.unit(r.unit_id), 20),
        xlsx.Column("状态", lambda r: label(STATUS_ZH, r.status), 8),
        xlsx.Column(value_header, lambda r: r.value, 12),
    ]
    return xlsx.export(xlsx.counted(first.count, batches), title=f"{first.code}明细（{unit_label}，{q.year}年"
                       f"{f'第{q.quarter}季度' if q.quarter else ''}）", ascii_name=f"drilldown_{first.code}",
                       columns=columns, exported_by=principal.name, session=session)


@router.get("/funnel", response_model=FunnelPublic)
def get_funnel(session: SessionDep, principal: Reader, year: Year, unit_id: Id | None = None) -> FunnelPublic:
    """Leads → visited → project → signed → started → in production, with 履约率, 开工率, 投产率, 资金到位率."""
    scope = readable_units(principal)
    if not scope.all:
        if unit_id is not None and unit_id not in scope:
            raise NotFound("单位不存在")
        unit_id = next(iter(scope.ids), None) if unit_id is None else unit_id
    return views.funnel(session, year, unit_id)
