"""The roles of people and the scopes of API clients: what the permission table is written in.

Defined here, below the users and clients that carry them, so authorization depends on no domain.
"""

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    office = "office"
    leader = "leader"
    unit_editor = "unit_editor"
    unit_viewer = "unit_viewer"


UNIT_BOUND_ROLES = frozenset({Role.unit_editor, Role.unit_viewer, Role.office})
CITY_WIDE_ROLES = frozenset({Role.admin, Role.office, Role.leader})


class Scope(StrEnum):
    records_read = "records:read"
    records_write = "records:write"
    feed_read = "feed:read"
