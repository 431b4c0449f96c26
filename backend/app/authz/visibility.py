"""Which rows of each record type a caller may see, all built on `readable_units` — the one place to look.

- visits, events, leads, funds reports: the owner unit (leads also: the unit they are assigned to);
- projects: the owner, the landing unit and every unit holding a credit share;
- funds reports also follow their project, so a landing or credited unit sees the money reported for it;
- feed changes: as their record today; a deleted record's changes by the owner unit they were written with.
"""

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.events.models import Event
from app.feed.models import FeedChange, RecordKind
from app.funds.models import FundsReport
from app.leads.models import Lead
from app.projects.models import Project, ProjectCredit
from app.visits.models import Visit


def visits(scope: UnitScope) -> ColumnElement[bool]:
    return scope.clause(col(Visit.unit_id))


def events(scope: UnitScope) -> ColumnElement[bool]:
    return scope.clause(col(Event.unit_id))


def leads(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(Lead.unit_id))
    return or_(scope.clause(col(Lead.unit_id)), scope.clause(col(Lead.assigned_unit_id)))


def projects(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(Project.unit_id))
    credited = exists(select(col(ProjectCredit.project_id)).where(col(ProjectCredit.project_id) == col(Project.id),
                                                             scope.clause(col(ProjectCredit.unit_id))))
    return or_(scope.clause(col(Project.unit_id)), scope.clause(col(Project.landing_unit_id)), credited)


def funds_reports(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(FundsReport.unit_id))
    project_visible = exists(select(col(Project.id)).where(col(Project.id) == col(FundsReport.project_id),
                                                           projects(scope)))
    return or_(scope.clause(col(FundsReport.unit_id)), project_visible)


def feed_changes(scope: UnitScope) -> ColumnElement[bool]:
    """Enterprises are everyone's; the owner unit sees its records' changes (also once deleted); leads, projects
    and funds reports also as the live record's own visibility above says."""
    if scope.all:
        return true()
    if not scope.ids:
        return false()
    change = FeedChange

    def live(model: type[Lead] | type[Project] | type[FundsReport], clause: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists(select(col(model.id)).where(col(model.id) == col(change.record_id), clause))

    return or_(col(change.kind) == RecordKind.enterprise, scope.clause(col(change.unit_id)),
               and_(col(change.kind) == RecordKind.lead, live(Lead, leads(scope))),
               and_(col(change.kind) == RecordKind.project, live(Project, projects(scope))),
               and_(col(change.kind) == RecordKind.funds_report, live(FundsReport, funds_reports(scope))))
