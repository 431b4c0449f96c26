"""Who may read a funds report: its reporting unit, and whoever may read its project — so a landing or credited
unit sees the money reported for it."""

from sqlalchemy import ColumnElement, exists, or_, select
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.funds.models import FundsReport
from app.projects.models import Project
from app.projects.visibility import visible as project_visible


def visible(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(FundsReport.unit_id))
    project_visible_here = exists(select(col(Project.id)).where(col(Project.id) == col(FundsReport.project_id),
                                                                project_visible(scope)))
    return or_(scope.clause(col(FundsReport.unit_id)), project_visible_here)
