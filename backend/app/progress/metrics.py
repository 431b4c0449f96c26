"""The metric registry: every figure the plan measures, each one documented aggregation.

A metric yields *rows* — (record id, credited unit, date, status, raw value) — for a date window.
Figures are sums of those rows and drill-downs list the same rows, so a figure and the records behind
it always agree. Rows only come from records that were at least submitted; `status` tells verified
ones apart. Counts of projects credited by share carry the share as a weight (basis points).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Integer, and_, case, exists, func, join, literal, or_, select, type_coerce, union_all
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import ColumnElement, Join
from sqlmodel import col

from app.core.types import Money
from app.core.typing import AnySelect
from app.enterprises.models import Enterprise
from app.events.models import Event, EventKind
from app.funds.models import FundsReport
from app.leads.models import Lead
from app.progress.reads import Everything, Parent, Part, Read
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from app.records.models import Region, Status
from app.targets.rules import Rules, yi
from app.units.models import TERRITORIAL_TYPES, Unit
from app.visits.models import Visit

COUNTED = (Status.submitted, Status.verified)
FULL = 10000  # basis points of a whole
THREE_REGIONS = (Region.jingjinji, Region.yangtze_delta, Region.pearl_delta)


@dataclass(frozen=True)
class Metric:
    key: str
    name_zh: str
    name_en: str
    kind: Literal["count", "money"]
    record_type: str
    rule_zh: Callable[[Rules], str]
    rule_en: Callable[[Rules], str]
    rows: Callable[[Rules, date, date, bool], AnySelect]  # (rules, start, end, city) → rid, unit_id, on, status, raw
    divisor: int = 1  # raw sums are divided by this to give the figure
    city_reduce: Literal["sum", "min_region"] = "sum"
    # True when the city figure is the sum of the unit figures, so no separate query is needed
    city_is_unit_sum: Callable[[Rules], bool] = lambda rules: False
    # what the rows read besides the records of record_type (progress/reads.py); upkeep follows it
    reads: tuple[Read, ...] = ()


def _landed_on(rules: Rules) -> Mapped[date | None]:
    return {"signed": col(Project.signed_on), "started": col(Project.started_on),
            "in_production": col(Project.in_production_on)}[rules.landed_stage]


def _stage_zh(rules: Rules) -> str:
    return {"signed": "签约", "started": "开工", "in_production": "投产"}[rules.landed_stage]


def _yi_zh(rules: Rules) -> str:
    return "总投资≥1亿元" if rules.yi_inclusive else "总投资>1亿元"


def attributed(rules: Rules, head: list[ColumnElement[Any]], conditions: list[ColumnElement[bool]], *,
               amount: Mapped[Decimal] | None = None, from_: type[Project] | Join = Project,
               credit_unit_types: set[str] | None = None) -> AnySelect:
    """Rows of projects (`head` columns, `conditions`) once per unit each project counts for.

    Counties and zones count by landing unit, credit share or both (rule); groups, departments and
    chambers always by credit share, weighted or in full (rule); never twice for one unit. `raw` is the
    weight in basis points, times `amount` (a Money column) when given. A UNION of a landing part and a
    credit part, so each part keeps its own indexed filters. `from_` is Project or a join containing it.
    """
    weighted = rules.credit_weighting == "weighted"
    share: ColumnElement[Any] = type_coerce(ProjectCredit.share, Integer) if weighted else literal(FULL, Integer)
    full: ColumnElement[Any] = literal(FULL, Integer)
    if amount is not None:
        full, share = type_coerce(amount * full, Money), type_coerce(amount * share, Money)
    landing = select(*head, col(Project.landing_unit_id).label("unit_id"), full.label("raw")).select_from(from_).where(
        col(Project.landing_unit_id).is_not(None), *conditions)
    credit = (select(*head, col(ProjectCredit.unit_id).label("unit_id"), share.label("raw")).select_from(from_)
              .join(ProjectCredit, col(ProjectCredit.project_id) == col(Project.id))
              .join(Unit, col(Unit.id) == col(ProjectCredit.unit_id)).where(*conditions))
    if credit_unit_types is not None:
        return credit.where(col(Unit.type).in_(credit_unit_types))
    if rules.territorial_attribution == "credit":
        return credit
    if rules.territorial_attribution == "landing":
        credit = credit.where(col(Unit.type).not_in(TERRITORIAL_TYPES))
    else:
        credit = credit.where(or_(col(Project.landing_unit_id).is_(None),
                                  col(ProjectCredit.unit_id) != col(Project.landing_unit_id)))
    return union_all(landing, credit).subquery().select()


def _top_enterprise(rules: Rules) -> ColumnElement[bool]:
    china500: ColumnElement[bool] = col(Enterprise.is_china500).is_(True)
    if rules.china500_lists:
        china500 = and_(china500, col(Enterprise.china500_list).in_(rules.china500_lists))
    linked = select(col(ProjectEnterprise.project_id)).join(Enterprise,
                                                            col(Enterprise.id) == col(ProjectEnterprise.enterprise_id))
    return exists(linked.where(col(ProjectEnterprise.project_id) == col(Project.id),
                         or_(col(Enterprise.is_fortune500).is_(True), col(Enterprise.is_central_soe).is_(True),
                             china500)))


def _project_rows(rules: Rules, start: date, end: date, city: bool, on: Mapped[date | None],
                  *conditions: ColumnElement[bool]) -> AnySelect:
    """Projects whose date `on` falls in the window, credited per `attributed` (or once each for the city)."""
    head: list[ColumnElement[Any]] = [col(Project.id).label("rid"), on.label("on"), col(Project.status).label("status")]
    where = [on.between(start, end), col(Project.status).in_(COUNTED), *conditions]
    if city:
        return select(*head, col(Project.unit_id).label("unit_id"), literal(FULL, Integer).label("raw")).where(*where)
    return attributed(rules, head, where)


def _visit_rows(start: date, end: date, *conditions: ColumnElement[bool]) -> AnySelect:
    return (select(col(Visit.id).label("rid"), col(Visit.unit_id).label("unit_id"), col(Visit.visit_date).label("on"),
                   col(Visit.status).label("status"), literal(1, Integer).label("raw"))
            .where(col(Visit.visit_date).between(start, end), col(Visit.status).in_(COUNTED), *conditions))


def visits(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    if city and not rules.city_visits_include_territorial:
        return _visit_rows(start, end,
                           col(Visit.unit_id).in_(select(col(Unit.id)).where(col(Unit.type).not_in(TERRITORIAL_TYPES))))
    return _visit_rows(start, end)


def visits_top_class(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    top = select(col(Enterprise.id)).where(or_(col(Enterprise.is_fortune500).is_(True),
                                               col(Enterprise.is_champion).is_(True),
                                          col(Enterprise.is_association).is_(True)))
    return _visit_rows(start, end, col(Visit.enterprise_id).in_(top))


def signed_four_new_investment(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return (select(col(Project.id).label("rid"), col(Project.unit_id).label("unit_id"),
                   col(Project.signed_on).label("on"),
                   col(Project.status).label("status"), col(Project.total_investment).label("raw"))
            .where(col(Project.signed_on).between(start, end), col(Project.four_new).is_not(None),
                   col(Project.status).in_(COUNTED)))


def _funds_rows(rules: Rules, start: date, end: date, city: bool, *project_conditions: ColumnElement[bool],
                credit_unit_types: set[str] | None = None) -> AnySelect:
    """Funds reports in the window, for projects meeting the conditions, weighted per attribution."""
    head: list[ColumnElement[Any]] = [col(FundsReport.id).label("rid"), col(FundsReport.period).label("on"),
                                      col(FundsReport.status).label("status")]
    where = [col(FundsReport.period).between(start, end), col(FundsReport.status).in_(COUNTED), *project_conditions]
    reports = join(FundsReport, Project, col(FundsReport.project_id) == col(Project.id))
    if city:
        return select(*head, col(Project.landing_unit_id).label("unit_id"),
                      type_coerce(FundsReport.amount * literal(FULL, Integer), Money).label("raw")
                      ).select_from(reports).where(*where)
    return attributed(rules, head, where, amount=col(FundsReport.amount), from_=reports,
                      credit_unit_types=credit_unit_types)


def funds_yi_projects(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _funds_rows(rules, start, end, city, yi(rules)(Project.total_investment))


def funds_departments(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    """Departments never land projects: only their credit shares count."""
    return _funds_rows(rules, start, end, False, credit_unit_types={"department"})


def yi_projects_top_enterprise(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _project_rows(rules, start, end, city, _landed_on(rules), yi(rules)(Project.total_investment),
                         _top_enterprise(rules))


def advanced_projects(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _project_rows(rules, start, end, city, _landed_on(rules), col(Project.advanced_class).is_not(None))


def signed_projects(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _project_rows(rules, start, end, city, col(Project.signed_on))


def landed_yi_projects(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _project_rows(rules, start, end, city, _landed_on(rules), yi(rules)(Project.total_investment))


def _event_rows(start: date, end: date, *conditions: ColumnElement[bool]) -> AnySelect:
    return (select(col(Event.id).label("rid"), col(Event.unit_id).label("unit_id"), col(Event.event_date).label("on"),
                   col(Event.status).label("status"), literal(1, Integer).label("raw"),
                   col(Event.region).label("region"))
            .where(col(Event.event_date).between(start, end), col(Event.status).in_(COUNTED), *conditions))


def concentrated_events(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _event_rows(start, end, col(Event.kind) == EventKind.concentrated, col(Event.region).in_(THREE_REGIONS))


def promotion_events(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    return _event_rows(start, end, col(Event.kind) == EventKind.promotion)


def leads(rules: Rules, start: date, end: date, city: bool) -> AnySelect:
    """Leads have no verification step: every lead entered counts as verified."""
    return (select(col(Lead.id).label("rid"), col(Lead.unit_id).label("unit_id"), col(Lead.received_on).label("on"),
                   literal(Status.verified.value).label("status"), literal(1, Integer).label("raw"))
            .where(col(Lead.received_on).between(start, end)))


def _credit_zh(rules: Rules) -> str:
    att = {"landing": "县区和开发区按落地单位计", "credit": "县区和开发区按贡献份额计",
           "both": "县区和开发区按落地单位及贡献份额计"}[rules.territorial_attribution]
    weight = "份额加权" if rules.credit_weighting == "weighted" else "有份额即全额计"
    return f"{att}；团组、部门、商会按贡献份额计（{weight}）"


def _credit_en(rules: Rules) -> str:
    return (f"counties/zones by {rules.territorial_attribution}; groups, departments, chambers by credit share "
            f"({rules.credit_weighting})")


UNITS = (Everything(Unit),)  # credit by unit type, the city's territorial units
CREDITED = (Part(col(ProjectCredit.project_id)), *UNITS)  # `attributed`: a project's credit shares
FUNDS = (Parent(record=col(FundsReport.id), link=col(FundsReport.project_id)), *CREDITED)
TOP_ENTERPRISE = (Part(col(ProjectEnterprise.project_id)),
                  Parent(record=col(ProjectEnterprise.project_id), link=col(ProjectEnterprise.enterprise_id)))

REGISTRY: dict[str, Metric] = {m.key: m for m in [
    Metric("visits", "走访企业数", "Enterprise visits", "count", "visit",
           lambda r: "已核实的走访记录条数（已报送待核实的另列），按走访日期计"
           + ("" if r.city_visits_include_territorial else "；全市数不含县区、开发区的走访"),
           lambda r: "verified visits (those awaiting verification shown apart), by visit date"
           + ("" if r.city_visits_include_territorial else "; the city figure excludes counties and zones"),
           visits, city_is_unit_sum=lambda r: r.city_visits_include_territorial, reads=UNITS),
    Metric("visits_top_class", "走访世界500强、行业冠军、商会协会数", "Visits to Fortune 500, champions, associations",
           "count", "visit", lambda r: "走访对象为世界500强、行业(隐形)冠军或行业协会/商会的走访条数",
           lambda r: "visits to Fortune Global 500, industry champions, associations or chambers", visits_top_class,
           city_is_unit_sum=lambda r: True, reads=(Parent(record=col(Visit.id), link=col(Visit.enterprise_id)),)),
    Metric("signed_four_new_investment", "新签约四新项目总投资", "Investment of newly signed 四新 projects", "money",
           "project", lambda r: "签约日期在期内、有四新类别的项目总投资之和（万元），每个项目计一次",
           lambda r: "total investment (万元) of projects with a 四新 category signed in the period, once each",
           signed_four_new_investment),
    Metric("funds_yi_projects", "过亿元项目到位资金", "Funds in place of 100m+ projects", "money", "funds_report",
           lambda r: f"{_yi_zh(r)}的项目按月报送的到位资金（万元）；{_credit_zh(r)}；全市数按项目计一次",
           lambda r: f"funds reported for projects of {'≥' if r.yi_inclusive else '>'} 10,000 万元; "
                     f"{_credit_en(r)}; the city figure counts each project once",
           funds_yi_projects, divisor=FULL, reads=FUNDS),
    Metric("funds_departments", "市直部门招引项目到位资金", "Funds in place of projects departments brought",
           "money", "funds_report", lambda r: f"市直部门持有贡献份额的项目到位资金（万元），{_credit_zh(r)}",
           lambda r: f"funds of projects credited to departments; {_credit_en(r)}", funds_departments,
           divisor=FULL, reads=FUNDS),
    Metric("yi_projects_top_enterprise", "世界500强、央企、中国500强过亿元项目数",
           "100m+ projects by Fortune 500 / central SOE / China 500", "count", "project",
           lambda r: f"{_yi_zh(r)}、企业为世界500强/央企/中国500强"
                     f"{'（榜单：' + '、'.join(r.china500_lists) + '）' if r.china500_lists else ''}"
                     f"、期内{_stage_zh(r)}的项目数；{_credit_zh(r)}",
           lambda r: f"projects ≥ 10,000 万元 by such enterprises reaching '{r.landed_stage}' in the period; "
                     f"{_credit_en(r)}", yi_projects_top_enterprise, divisor=FULL, reads=(*CREDITED, *TOP_ENTERPRISE)),
    Metric("advanced_projects", "先进制造业和战略性新兴产业项目数",
           "Advanced manufacturing / strategic emerging projects", "count", "project",
           lambda r: f"有先进制造业/战略性新兴产业类别、期内{_stage_zh(r)}的项目数；{_credit_zh(r)}",
           lambda r: f"projects with an advanced class reaching '{r.landed_stage}' in the period; {_credit_en(r)}",
           advanced_projects, divisor=FULL, reads=CREDITED),
    Metric("signed_projects", "签约新旧动能转换项目数", "Signed conversion projects", "count", "project",
           lambda r: f"签约日期在期内的项目数；{_credit_zh(r)}",
           lambda r: f"projects signed in the period; {_credit_en(r)}", signed_projects, divisor=FULL,
           reads=CREDITED),
    Metric("landed_yi_projects", "落地过亿元项目数", "Landed 100m+ projects", "count", "project",
           lambda r: f"{_yi_zh(r)}、期内{_stage_zh(r)}（视为落地）的项目数；{_credit_zh(r)}",
           lambda r: f"projects ≥ 10,000 万元 reaching '{r.landed_stage}' in the period; {_credit_en(r)}",
           landed_yi_projects, divisor=FULL, reads=CREDITED),
    Metric("concentrated_events", "京津冀、长三角、珠三角重点项目集中招商活动",
           "Concentrated events in the three regions", "count", "event",
           lambda r: "三个地区中活动最少的地区的活动次数（要求各地区均有）" if r.events_each_region
           else "三个地区的集中招商活动次数（任一地区即可）",
           lambda r: "events in the region with fewest (each region needed)" if r.events_each_region
           else "events in any of the three regions", concentrated_events, city_reduce="min_region"),
    Metric("promotion_events", "产业专题推介活动次数", "Industry promotion events", "count", "event",
           lambda r: "本单位组织的产业专题推介活动次数", lambda r: "promotion events the unit organised",
           promotion_events, city_is_unit_sum=lambda r: True),
    Metric("leads", "提供投资企业信息条数", "Leads provided", "count", "lead",
           lambda r: "本单位录入的招商线索条数，按收到日期计（线索无需核实）",
           lambda r: "leads entered by the unit, by date received (leads need no verification)", leads,
           city_is_unit_sum=lambda r: True),
]}


def value_of(metric: Metric, raw_sum: Decimal | int | None) -> Decimal:
    if raw_sum is None:
        return Decimal("0")
    return (Decimal(raw_sum) / metric.divisor).quantize(Decimal("0.01"))


def grouped(unit_id: ColumnElement[Any], month: ColumnElement[str], status: ColumnElement[Any],
            raw: ColumnElement[Any], region: ColumnElement[Any] | None = None) -> AnySelect:
    """(unit, month[, region]) → verified raw sum, reported raw sum: the shape every figure is built from."""
    keys = [unit_id, month, *([region] if region is not None else [])]
    verified = func.sum(case((status == Status.verified.value, raw), else_=None))
    return select(*keys, verified, func.sum(raw)).group_by(*keys)
