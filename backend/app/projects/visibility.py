"""Who may read a project: the owner, the landing unit and every unit holding a credit share."""

from sqlalchemy import ColumnElement, exists, or_, select
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.projects.models import Project, ProjectCredit


def visible(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(Project.unit_id))
    credited = exists(select(col(ProjectCredit.project_id)).where(col(ProjectCredit.project_id) == col(Project.id),
                                                             scope.clause(col(ProjectCredit.unit_id))))
    return or_(scope.clause(col(Project.unit_id)), scope.clause(col(Project.landing_unit_id)), credited)
