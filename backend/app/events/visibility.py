"""Who may read an event: its organising unit."""

from sqlalchemy import ColumnElement
from sqlmodel import col

from app.authz.scoping import UnitScope
from app.events.models import Event


def visible(scope: UnitScope) -> ColumnElement[bool]:
    return scope.clause(col(Event.unit_id))
