"""Funds in place: one report per project per month, reported by a unit that can see the project.

The running total (every report but returned ones) may not pass the project's total investment
unless the office recorded an override on the project.
"""

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.authz import visibility
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.errors import Conflict, Unprocessable
from app.core.pagination import Page, keyset_page
from app.funds.models import FundsReport
from app.funds.schemas import FundsReportCreate, FundsReportPublic, FundsReportUpdate
from app.projects import rules
from app.projects.models import Project
from app.records import service as records
from app.records.models import Status

SORTS = {"period": FundsReport.period, "created_at": FundsReport.created_at, "id": FundsReport.id}


def get(session: Session, principal: Principal, report_id: int, *, for_update: bool = False) -> FundsReport:
    return records.get_visible(session, FundsReport, report_id, principal, visibility.funds_reports,
                               for_update=for_update)


def _project(session: Session, principal: Principal, project_id: int) -> Project:
    project = session.exec(select(Project).where(Project.id == project_id,
                                                 visibility.projects(readable_units(principal)))
                           .with_for_update()).first()
    if project is None:
        raise Unprocessable("项目不存在", errors=[{"field": "project_id", "message": "项目不存在或无权查看"}])
    return project


def create(session: Session, principal: Principal, data: FundsReportCreate) -> FundsReport:
    unit_id = records.owner_unit_for_create(principal, data.unit_id)
    project = _project(session, principal, data.project_id)  # locked: concurrent reports add up one at a time
    if project.stage == "negotiating":
        raise Unprocessable("在谈项目尚无到位资金，请先登记签约",
                            errors=[{"field": "project_id", "message": "项目未签约"}])
    if session.exec(select(FundsReport.id).where(FundsReport.project_id == project.id,
                                                 FundsReport.period == data.period)).first():
        raise Conflict(f"该项目 {data.period:%Y年%m月} 的到位资金已报送，请修改原记录", code="duplicate-period")
    rules.check_funds_within_total(session, project, adding=data.amount)
    report = FundsReport(**data.model_dump(exclude={"unit_id"}), unit_id=unit_id, created_by=principal.name)
    session.add(report)
    session.flush()
    return report


def update(session: Session, principal: Principal, report: FundsReport, data: FundsReportUpdate) -> FundsReport:
    records.ensure_owner_can_write(principal, report)
    records.ensure_editable(report)
    changes = data.model_dump(exclude_unset=True)
    for key in ("amount", "note"):
        if key in changes and changes[key] is None:
            raise Unprocessable(f"{key} 不能为空", errors=[{"field": key, "message": "不能为空"}])
    if "amount" in changes:
        project = session.exec(select(Project).where(Project.id == report.project_id).with_for_update()).one()
        rules.check_funds_within_total(session, project, adding=changes["amount"], excluding=report.id)
    records.apply_changes(report, changes)
    session.add(report)
    session.flush()
    return report


def transition(session: Session, principal: Principal, report: FundsReport, action: str,
               reason: str | None) -> FundsReport:
    """Resubmitting a returned report puts it back in the running total, so the cap is checked again."""
    if action == "submit" and report.status == Status.returned:
        project = session.exec(select(Project).where(Project.id == report.project_id).with_for_update()).one()
        rules.check_funds_within_total(session, project, adding=report.amount, excluding=report.id)
    return records.transition(session, report, action, principal, reason)


def list_reports(session: Session, principal: Principal, *, project_id, unit_id, status, period_from, period_to,
                 sort, cursor, limit, with_total) -> Page[FundsReport]:
    stmt = select(FundsReport).where(visibility.funds_reports(readable_units(principal)))
    for column, value in ((FundsReport.project_id, project_id), (FundsReport.unit_id, unit_id),
                          (FundsReport.status, status)):
        if value is not None:
            stmt = stmt.where(column == value)
    if period_from is not None:
        stmt = stmt.where(FundsReport.period >= period_from)
    if period_to is not None:
        stmt = stmt.where(FundsReport.period <= period_to)
    return keyset_page(session, stmt, id_column=FundsReport.id, sort=sort, allowed=SORTS, cursor=cursor, limit=limit,
                       with_total=with_total)


def to_public(session: Session, reports: list[FundsReport]) -> list[FundsReportPublic]:
    ids = {r.project_id for r in reports}
    projects: dict[int, tuple[str, Decimal]] = {}
    totals: dict[int, Decimal] = defaultdict(Decimal)
    if ids:
        for pid, name, total in session.exec(select(Project.id, Project.name, Project.total_investment)
                                             .where(col(Project.id).in_(ids))):
            projects[pid] = (name, total)
        totals.update(dict(session.exec(select(FundsReport.project_id, func.sum(FundsReport.amount)).where(
            col(FundsReport.project_id).in_(ids), FundsReport.status != Status.returned)
            .group_by(FundsReport.project_id)).all()))
    return [FundsReportPublic.model_validate(r).model_copy(update={
        "project_name": projects.get(r.project_id, (None, None))[0],
        "project_total_investment": projects.get(r.project_id, (None, None))[1],
        "project_funds_reported": totals.get(r.project_id, Decimal("0"))}) for r in reports]
