"""Who may read a visit: its owner unit (the scope comes from `authz.scoping.readable_units`)."""

from sqlalchemy import ColumnElement
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.visits.models import Visit


def visible(scope: UnitScope) -> ColumnElement[bool]:
    return scope.clause(col(Visit.unit_id))
