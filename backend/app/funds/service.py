"""Funds in place (到位资金): one report per project per month, reported by a unit that can see the project.

- The reporting unit owns the report (only it edits, submits, withdraws); it must be able to see the
  project: its owner, landing or credited unit (the city-wide office sees all). A project still 在谈
  (negotiating) has no funds in place yet.
- Period is the first day of the month; a second report of the same project and month is refused (409).
- **The running total rule**: the sum of the project's reports in every status except `returned` (drafts
  and submitted reports count as reported; a returned report is being fixed and counts again when
  resubmitted) may not pass the project's total investment. A create, an amount change or a resubmission
  that would pass it is refused with 422 `funds-over-total`, unless the office has recorded an override on
  the project (`POST /api/v1/projects/{id}/funds-override`).
- The project row is locked (`FOR UPDATE`) before the running total is summed, so two reports racing for
  the last of the total are checked one after the other.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.scoping import UnitScope, readable_units
from app.core.errors import Conflict, Unprocessable
from app.core.models import pk
from app.funds.models import FundsReport
from app.funds.schemas import FundsReportCreate, FundsReportPublic, FundsReportUpdate
from app.projects import rules
from app.projects.models import Project, Stage
from app.projects.visibility import visible as project_visible
from app.records import service as records
from app.records.models import Status


def _project(session: Session, principal: Principal, project_id: int, unit_id: int) -> Project:
    """The project, locked, if both the caller and the reporting unit can see it (a city-wide API client
    reporting in a unit's name sees only what that unit sees)."""
    scope = readable_units(principal) if unit_id == principal.unit_id else UnitScope(all=False,
                                                                                     ids=frozenset({unit_id}))
    project = session.exec(select(Project).where(Project.id == project_id, project_visible(scope))
                           .with_for_update()).first()
    if project is None:
        raise Unprocessable("项目不存在或报送单位无权查看该项目",
                            errors=[{"field": "project_id", "message": "项目不存在或无权查看"}])
    return project


def _ensure_free_period(session: Session, project_id: int, period: date, excluding: int | None = None) -> None:
    stmt = select(FundsReport.id).where(FundsReport.project_id == project_id, FundsReport.period == period)
    if excluding is not None:
        stmt = stmt.where(FundsReport.id != excluding)
    if (other := session.exec(stmt).first()) is not None:
        raise Conflict(f"该项目 {period:%Y年%m月} 的到位资金已报送（记录 {other}），请修改原记录",
                       code="duplicate-period", errors=[{"field": "period", "message": "该月已报送"}])


def create(session: Session, principal: Principal, data: FundsReportCreate) -> FundsReport:
    def admissible(_: dict[str, object], unit_id: int) -> None:
        project = _project(session, principal, data.project_id, unit_id)  # locked: reports add up one at a time
        if project.stage == Stage.negotiating:
            raise Unprocessable("在谈项目尚无到位资金，请先登记签约",
                                errors=[{"field": "project_id", "message": "项目未签约"}])
        _ensure_free_period(session, pk(project), data.period)
        rules.check_funds_within_total(session, project, adding=data.amount)

    return records.new_record(session, principal, FundsReport, data, check=admissible)


def update(session: Session, principal: Principal, report: FundsReport, data: FundsReportUpdate) -> FundsReport:
    changes = records.edit(principal, report, data, ("period", "amount", "note"))
    project = session.exec(select(Project).where(Project.id == report.project_id).with_for_update()).one()
    if "period" in changes:
        _ensure_free_period(session, pk(project), changes["period"], excluding=pk(report))
    if "amount" in changes:
        rules.check_funds_within_total(session, project, adding=changes["amount"], excluding=report.id)
    return records.save(session, report, changes)


def before_transition(session: Session, _: Principal, report: FundsReport, action: str) -> None:
    """Resubmitting a returned report puts it back in the running total, so the cap is checked again."""
    if action == "submit" and report.status == Status.returned:
        project = session.exec(select(Project).where(Project.id == report.project_id).with_for_update()).one()
        rules.check_funds_within_total(session, project, adding=report.amount, excluding=report.id)


def to_public(session: Session, reports: list[FundsReport], _: Principal) -> list[FundsReportPublic]:
    ids = {r.project_id for r in reports}
    projects: dict[int | None, tuple[str, Decimal]] = {}
    totals: dict[int, Decimal] = defaultdict(Decimal)
    if ids:
        for pid, name, total in session.exec(select(col(Project.id), col(Project.name), col(Project.total_investment))
                                             .where(col(Project.id).in_(ids))):
            projects[pid] = (name, total)
        totals.update(dict(session.exec(select(FundsReport.project_id, func.sum(FundsReport.amount)).where(
            col(FundsReport.project_id).in_(ids), FundsReport.status != Status.returned)
            .group_by(col(FundsReport.project_id))).all()))
    return [FundsReportPublic.model_validate(r).model_copy(update={
        "project_name": projects.get(r.project_id, (None, None))[0],
        "project_total_investment": projects.get(r.project_id, (None, None))[1],
        "project_funds_reported": totals.get(r.project_id, Decimal("0"))}) for r in reports]
