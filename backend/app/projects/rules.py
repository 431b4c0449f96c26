"""The rules a project must keep: stage timeline, credit shares, landing unit, funds within the total."""

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.core import labels
from app.core.errors import Unprocessable
from app.core.models import pk
from app.core.validation_messages import FIELD_ZH
from app.funds.models import FundsReport
from app.projects.models import STAGE_ORDER, Project, Stage
from app.records.models import Status
from app.units.models import TERRITORIAL_TYPES, Unit

STAGE_DATES = {Stage.negotiating: "negotiating_on", Stage.signed: "signed_on", Stage.started: "started_on",
               Stage.in_production: "in_production_on"}
STAGE_ZH = labels.zh("stage")  # the catalogue's, as the SPA shows them
HUNDRED = Decimal("100.00")


def _field_error(field: str, message: str, detail: str | None = None) -> Unprocessable:
    return Unprocessable(detail or message, errors=[{"field": field, "message": message}])


def _reached(project: Project, old: Stage, new: Stage) -> list[Stage]:
    """The stages of the chain the project has reached — for a dropped project, those reached before it was."""
    if new != Stage.dropped:
        return STAGE_ORDER[: STAGE_ORDER.index(new) + 1]
    if old != Stage.dropped:
        return STAGE_ORDER[: STAGE_ORDER.index(old) + 1]
    return [s for s in STAGE_ORDER if getattr(project, STAGE_DATES[s]) is not None]


def apply_stage(project: Project, changes: dict[str, Any]) -> None:
    """Moves the stage and its dates, keeping the timeline consistent.

    - the chain is 在谈 negotiating → 签约 signed → 开工 started → 投产 in_production; the stage moves
      forward only (skipping ahead is allowed), or to 终止 dropped — with a reason — from any stage but
      in_production; a dropped project stays dropped;
    - a reached stage not given a date takes the date of the next reached stage given one (it cannot be
      later); nothing else is filled in — a draft may lack the dates, submitting needs them (`missing_for_submit`);
    - a stage not reached has no date (a date given for it is refused), and only a dropped project has a
      drop date and reason;
    - dates never go backwards along the chain, and dropped_on is not before the last reached stage.
    """
    old, new = Stage(project.stage), Stage(changes.get("stage") or project.stage)
    if new != old:
        if old == Stage.dropped:
            raise _field_error("stage", "已终止的项目不能再变更阶段")
        if new == Stage.dropped and old == Stage.in_production:
            raise _field_error("stage", "已投产的项目不能终止")
        if new != Stage.dropped and STAGE_ORDER.index(new) < STAGE_ORDER.index(old):
            raise _field_error("stage", f"阶段只能向前推进（当前：{STAGE_ZH[old]}，不能改回{STAGE_ZH[new]}）")
    reached = _reached(project, old, new)
    for stage in STAGE_ORDER:
        key = STAGE_DATES[stage]
        if changes.get(key) is not None and stage not in reached:
            raise _field_error(key, f"项目尚未{STAGE_ZH[stage]}，不能填写{STAGE_ZH[stage]}日期")
    if new != Stage.dropped:
        for key in ("dropped_on", "drop_reason"):
            if changes.get(key):
                raise _field_error(key, "只有终止的项目才填写终止日期和原因")
    for key in (*STAGE_DATES.values(), "dropped_on", "drop_reason"):
        if key in changes:
            setattr(project, key, changes[key])
    project.stage = new
    carry: date | None = None
    if new == Stage.dropped:
        if not (project.drop_reason and project.drop_reason.strip()):
            raise _field_error("drop_reason", "终止项目须填写原因")
        carry = project.dropped_on
    for stage in reversed(reached):
        day = getattr(project, STAGE_DATES[stage])
        if day is None:
            setattr(project, STAGE_DATES[stage], carry)
        else:
            carry = day
    chain = [(STAGE_DATES[s], STAGE_ZH[s], getattr(project, STAGE_DATES[s])) for s in reached]
    if new == Stage.dropped:
        chain.append(("dropped_on", STAGE_ZH[Stage.dropped], project.dropped_on))
    chain = [link for link in chain if link[2] is not None]
    for (_, earlier_zh, earlier), (key, zh, day) in itertools.pairwise(chain):
        if day < earlier:
            raise _field_error(key, f"{zh}日期（{day}）不能早于{earlier_zh}日期（{earlier}）")


COUNTED_STAGES = frozenset({Stage.signed, Stage.started, Stage.in_production})


def missing_for_submit(session: Session, project: Project) -> list[dict[str, str]]:
    """What a project needs before it is submitted (a draft may lack it): the fields its figures depend on —
    a total investment above 0, the date of every stage reached, and the landing unit of a project a county
    counts (signed or later, or entered by a county or development zone itself)."""
    missing = []
    if project.total_investment is None or project.total_investment <= 0:
        missing.append({"field": "total_investment", "message": "报送前须填写总投资（大于 0）"})
    stage = Stage(project.stage)
    reached = _reached(project, stage, stage)
    for s in reached:
        if getattr(project, STAGE_DATES[s]) is None:
            missing.append({"field": STAGE_DATES[s], "message": f"报送前须填写{STAGE_ZH[s]}日期"})
    if stage == Stage.dropped and project.dropped_on is None:
        missing.append({"field": "dropped_on", "message": "报送前须填写终止日期"})
    if project.landing_unit_id is None:
        owner = session.get(Unit, project.unit_id)
        if set(reached) & COUNTED_STAGES or (owner is not None and owner.type in TERRITORIAL_TYPES):
            missing.append({"field": "landing_unit_id", "message": "报送前须选择落地单位"})
    return missing


def timeline(project: Project) -> list[tuple[Stage, date]]:
    """The stages reached, in order, with their dates (dropped last, if dropped)."""
    steps = [(s, getattr(project, STAGE_DATES[s])) for s in STAGE_ORDER if getattr(project, STAGE_DATES[s])]
    if project.stage == Stage.dropped and project.dropped_on:
        steps.append((Stage.dropped, project.dropped_on))
    return steps


def check_credits(session: Session, credits: list[dict[str, Any]]) -> None:
    """Shares are percents with two places, each > 0 (the schema), adding up to exactly 100, no unit twice."""
    units = [c["unit_id"] for c in credits]
    if twice := sorted({u for u in units if units.count(u) > 1}):
        raise _field_error("credits", "同一单位不能重复出现", f"贡献份额中同一单位重复出现：{twice}")
    total = sum((Decimal(c["share"]) for c in credits), Decimal("0"))
    if total != HUNDRED:
        raise _field_error("credits", f"贡献份额合计应为 100%，现为 {total:.2f}%")
    found = set(session.exec(select(Unit.id).where(col(Unit.id).in_(units))))
    if missing := set(units) - found:
        raise _field_error("credits", f"单位不存在：{sorted(missing)}")


def check_landing(session: Session, unit_id: int | None) -> None:
    if unit_id is None:
        return
    unit = session.get(Unit, unit_id)
    if unit is None or unit.type not in TERRITORIAL_TYPES:
        raise _field_error("landing_unit_id", "落地单位须为县（市、区）或市属开发区")


PARTS = ("outside_province_investment", "foreign_investment")  # named as the validation messages name them


def check_parts(project: Project) -> None:
    """The money from outside the province and the foreign money are each part of the total investment."""
    for key in PARTS:
        part, zh = getattr(project, key), FIELD_ZH[key]
        if part is not None and part > project.total_investment:
            raise _field_error(key, "不能超过总投资",
                               f"{zh} {part:.2f} 万元不能超过总投资 {project.total_investment:.2f} 万元")


def funds_reported(session: Session, project_id: int, *, excluding: int | None = None) -> Decimal:
    """The running total: every report of the project except returned ones (a returned report is being
    fixed by its unit and comes back into the total — and is checked again — when resubmitted)."""
    stmt = select(func.sum(FundsReport.amount)).where(FundsReport.project_id == project_id,
                                                       FundsReport.status != Status.returned)
    if excluding is not None:
        stmt = stmt.where(FundsReport.id != excluding)
    return session.exec(stmt).one() or Decimal("0")


def check_funds_within_total(session: Session, project: Project, adding: Decimal = Decimal("0"),
                             excluding: int | None = None) -> None:
    """Refuses (422 funds-over-total) a change after which the running total would pass the total
    investment, unless the office has recorded an override on the project."""
    if project.funds_override_reason:
        return
    reported = funds_reported(session, pk(project), excluding=excluding) + adding
    if reported > project.total_investment:
        excess = reported - project.total_investment
        raise Unprocessable(
            f"到位资金累计 {reported:.2f} 万元将超过项目总投资 {project.total_investment:.2f} 万元"
            f"（超出 {excess:.2f} 万元）。如确属实，请办公室登记超额说明后再报。",
            code="funds-over-total", errors=[{"field": "amount", "message": "累计超过总投资"}],
            total_investment=f"{project.total_investment:.2f}", funds_reported=f"{reported:.2f}",
            excess=f"{excess:.2f}")
