"""Who reads a coordination item: the city-wide roles all of them; a unit exactly those it raised or that are
assigned to it — not every item on a project it may see (a department asked about land does not read the county's
other asks). Anything else answers 404."""

from sqlalchemy import ColumnElement, or_
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.coordination.models import CoordinationItem


def visible(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(CoordinationItem.raised_by_unit_id))
    return or_(scope.clause(col(CoordinationItem.raised_by_unit_id)),
               scope.clause(col(CoordinationItem.assignee_unit_id)))
