"""Row scoping: the one function that says which units' records a caller may read or write.

Every query of a unit-owned record filters through `UnitScope.clause`; a record outside the scope
is reported as not found, so its existence is not revealed.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import Mapped

from app.authz.principal import Principal
from app.authz.roles import CITY_WIDE_ROLES, Role, Scope


@dataclass(frozen=True, slots=True)
class UnitScope:
    all: bool
    ids: frozenset[int] = frozenset()

    def clause(self, unit_column: Mapped[int] | Mapped[int | None]) -> ColumnElement[bool]:
        if self.all:
            return true()
        if not self.ids:
            return false()
        return unit_column.in_(sorted(self.ids))

    def __contains__(self, unit_id: int | None) -> bool:
        return self.all or (unit_id is not None and unit_id in self.ids)


EVERYTHING = UnitScope(all=True)
NOTHING = UnitScope(all=False)


def _own(principal: Principal) -> UnitScope:
    return UnitScope(all=False, ids=frozenset({principal.unit_id})) if principal.unit_id else NOTHING


def readable_units(principal: Principal) -> UnitScope:
    if principal.kind == "system":
        return EVERYTHING
    if principal.kind == "client":
        if Scope.records_read not in principal.scopes and Scope.records_write not in principal.scopes:
            return NOTHING
        return EVERYTHING if principal.unit_id is None else _own(principal)
    if principal.role in CITY_WIDE_ROLES:
        return EVERYTHING
    if principal.role in (Role.unit_editor, Role.unit_viewer):
        return _own(principal)
    return NOTHING


def enterable_units(principal: Principal) -> UnitScope:
    """Units in whose name the caller may enter new records: its own; a city-wide client (another system
    feeding the city's data) names any unit."""
    if principal.kind == "client" and principal.unit_id is None and Scope.records_write in principal.scopes:
        return EVERYTHING
    return writable_units(principal)


def writable_units(principal: Principal) -> UnitScope:
    """Units whose records the caller may change (edit, submit, withdraw): only the entering unit's own staff
    and clients. The office writes only as its own unit; a city-wide client changes nothing it could not see
    as a unit member, so nobody outside a unit rewrites or submits its drafts."""
    if principal.kind == "system":
        return EVERYTHING
    if principal.kind == "client":
        return _own(principal) if Scope.records_write in principal.scopes else NOTHING
    if principal.role in (Role.unit_editor, Role.office):
        return _own(principal)
    return NOTHING


def feed_units(principal: Principal) -> UnitScope:
    """Whose changes the change feed (and a client's webhooks) may show: what the caller reads; an API client
    needs `feed:read` for it instead of records:read."""
    if principal.kind == "client":
        if Scope.feed_read not in principal.scopes:
            return NOTHING
        return EVERYTHING if principal.unit_id is None else _own(principal)
    return readable_units(principal)
