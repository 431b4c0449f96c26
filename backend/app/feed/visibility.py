"""Who may read a change in the feed: as its record today (each kind's own clause); a deleted record's changes
by the owner unit they were written with; enterprises are everyone's."""

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.feed.models import FeedChange, RecordKind
from app.funds.models import FundsReport
from app.funds.visibility import visible as funds_report_visible
from app.leads.models import Lead
from app.leads.visibility import visible as lead_visible
from app.projects.models import Project
from app.projects.visibility import visible as project_visible


def feed_changes(scope: UnitScope) -> ColumnElement[bool]:
    """The owner unit sees its records' changes (also once deleted); leads, projects and funds reports also
    whoever their live record's own visibility lets read them."""
    if scope.all:
        return true()
    if not scope.ids:
        return false()
    change = FeedChange

    def live(model: type[Lead] | type[Project] | type[FundsReport], clause: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists(select(col(model.id)).where(col(model.id) == col(change.record_id), clause))

    return or_(col(change.kind) == RecordKind.enterprise, scope.clause(col(change.unit_id)),
               and_(col(change.kind) == RecordKind.lead, live(Lead, lead_visible(scope))),
               and_(col(change.kind) == RecordKind.project, live(Project, project_visible(scope))),
               and_(col(change.kind) == RecordKind.funds_report, live(FundsReport, funds_report_visible(scope))))
