"""The rules a project must keep: stage timeline, credit shares, landing unit, funds within the total."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.core.errors import Unprocessable
from app.core.time import utcnow
from app.funds.models import FundsReport
from app.projects.models import STAGE_ORDER, Project, Stage
from app.records.models import Status
from app.units.models import TERRITORIAL_TYPES, Unit

STAGE_DATES = {Stage.negotiating: "negotiating_on", Stage.signed: "signed_on", Stage.started: "started_on",
               Stage.in_production: "in_production_on"}
STAGE_ZH = {Stage.negotiating: "在谈", Stage.signed: "签约", Stage.started: "开工", Stage.in_production: "投产",
            Stage.dropped: "终止"}
HUNDRED = Decimal("100.00")


def _field_error(field: str, message: str, detail: str | None = None) -> Unprocessable:
    return Unprocessable(detail or message, errors=[{"field": field, "message": message}])


def apply_stage(project: Project, changes: dict[str, Any], *, today: date | None = None) -> None:
    """Moves the stage forward only (or to dropped from a non-final stage), filling each reached stage's
    missing date and keeping the dates in order."""
    today = today or utcnow().date()
    old, new = Stage(project.stage), Stage(changes.get("stage") or project.stage)
    if new != old:
        if old == Stage.dropped:
            raise _field_error("stage", "已终止的项目不能再变更阶段")
        if new == Stage.dropped and old == Stage.in_production:
            raise _field_error("stage", "已投产的项目不能终止")
        if new != Stage.dropped and STAGE_ORDER.index(new) < STAGE_ORDER.index(old):
            raise _field_error("stage", f"阶段只能向前推进（当前：{STAGE_ZH[old]}）")
    for key in (*STAGE_DATES.values(), "dropped_on", "drop_reason"):
        if key in changes:
            setattr(project, key, changes[key])
    project.stage = new
    if new == Stage.dropped:
        if not (project.drop_reason and project.drop_reason.strip()):
            raise _field_error("drop_reason", "终止项目须填写原因")
        project.dropped_on = project.dropped_on or today
    else:
        # a reached stage without a date takes the date of the next stage known (it cannot be later), else today
        carry = today
        for stage in reversed(STAGE_ORDER[: STAGE_ORDER.index(new) + 1]):
            day = getattr(project, STAGE_DATES[stage])
            if day is None:
                setattr(project, STAGE_DATES[stage], carry)
            else:
                carry = day
    previous: tuple[str, date] | None = None
    for stage in STAGE_ORDER:
        day = getattr(project, STAGE_DATES[stage])
        if day is None:
            continue
        if previous and day < previous[1]:
            raise _field_error(STAGE_DATES[stage], f"{STAGE_ZH[stage]}日期不能早于{previous[0]}日期")
        previous = (STAGE_ZH[stage], day)


def check_credits(session: Session, credits: list[dict]) -> None:
    units = [c["unit_id"] for c in credits]
    if len(units) != len(set(units)):
        raise _field_error("credits", "同一单位不能重复出现")
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


def check_parts(project: Project) -> None:
    for key in ("outside_province_investment", "foreign_investment"):
        part = getattr(project, key)
        if part is not None and part > project.total_investment:
            raise _field_error(key, "不能超过总投资")


def funds_reported(session: Session, project_id: int, *, excluding: int | None = None) -> Decimal:
    """The running total: every report of the project except returned ones (a returned report is being fixed)."""
    stmt = select(func.sum(FundsReport.amount)).where(FundsReport.project_id == project_id,
                                                       FundsReport.status != Status.returned)
    if excluding is not None:
        stmt = stmt.where(FundsReport.id != excluding)
    return session.exec(stmt).one() or Decimal("0")


def check_funds_within_total(session: Session, project: Project, adding: Decimal = Decimal("0"),
                             excluding: int | None = None) -> None:
    if project.funds_override_reason:
        return
    reported = funds_reported(session, project.id, excluding=excluding) + adding
    if reported > project.total_investment:
        raise Unprocessable(
            f"到位资金累计 {reported:.2f} 万元将超过项目总投资 {project.total_investment:.2f} 万元"
            f"（超出 {reported - project.total_investment:.2f} 万元）。如确属实，请办公室登记超额说明后再报。",
            code="funds-over-total", errors=[{"field": "amount", "message": "累计超过总投资"}])
