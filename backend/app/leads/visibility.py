"""Who may read a lead: its owner unit and the unit it is assigned to follow it up."""

from sqlalchemy import ColumnElement, or_
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.leads.models import Lead


def visible(scope: UnitScope) -> ColumnElement[bool]:
    if scope.all:
        return scope.clause(col(Lead.unit_id))
    return or_(scope.clause(col(Lead.unit_id)), scope.clause(col(Lead.assigned_unit_id)))
