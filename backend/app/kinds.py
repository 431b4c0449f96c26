"""Every record kind in one place, for what serves all of them — and for a caller that holds a table name and
needs who may read its rows (`readable`). It sits above the domains: no kind's own module imports it."""

from typing import Any

from sqlalchemy import ColumnElement

from app.authz.scoping import UnitScope
from app.enterprises.kind import ENTERPRISES
from app.events.kind import EVENTS
from app.funds.kind import FUNDS_REPORTS
from app.leads.kind import LEADS
from app.projects.kind import PROJECTS
from app.records.kind import RecordKind
from app.visits.kind import VISITS

KINDS: tuple[RecordKind[Any, Any, Any, Any, Any], ...] = (ENTERPRISES, LEADS, VISITS, EVENTS, PROJECTS, FUNDS_REPORTS)
BY_TABLE = {str(kind.model.__tablename__): kind for kind in KINDS}


def readable(table: str, scope: UnitScope) -> ColumnElement[bool]:
    """The rows of the kind stored in `table` that a caller with this scope may read: the kind's own clause."""
    return BY_TABLE[table].visible(scope)
