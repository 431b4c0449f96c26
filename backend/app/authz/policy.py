"""Who may do what: the one table of permissions. Anything not listed here is denied.

Each action names the human roles allowed and the scope an API client needs. Row-level access
(which units' records) is decided separately by app.authz.scoping.
"""

from dataclasses import dataclass
from enum import StrEnum

from app.authz.principal import Principal
from app.authz.roles import Role, Scope
from app.core.errors import Forbidden

ALL_ROLES = frozenset(Role)
CITY_READERS = frozenset({Role.admin, Role.office, Role.leader})


class Action(StrEnum):
    session_read = "session:read"
    units_read = "units:read"
    units_write = "units:write"
    unit_members_read = "unit_members:read"
    users_manage = "users:manage"
    clients_manage = "clients:manage"
    audit_read = "audit:read"
    records_read = "records:read"
    records_write = "records:write"
    records_transition = "records:transition"
    records_verify = "records:verify"
    enterprises_merge = "enterprises:merge"
    conflicts_manage = "conflicts:manage"
    progress_read = "progress:read"
    progress_city_read = "progress:city_read"
    targets_manage = "targets:manage"
    quarters_manage = "quarters:manage"
    feed_read = "feed:read"
    webhooks_manage = "webhooks:manage"
    notices_own = "notices:own"
    coordination_read = "coordination:read"
    coordination_raise = "coordination:raise"
    coordination_answer = "coordination:answer"
    coordination_manage = "coordination:manage"
    coordination_meeting = "coordination:meeting"


@dataclass(frozen=True, slots=True)
class Rule:
    roles: frozenset[str]
    client_scope: str | None = None  # None: API clients may never do this
    city_wide_clients_only: bool = False  # figures of every unit: not for a client bound to one unit


RULES: dict[Action, Rule] = {
    Action.session_read: Rule(ALL_ROLES, Scope.records_read),
    Action.units_read: Rule(ALL_ROLES, Scope.records_read),
    Action.units_write: Rule(frozenset({Role.admin})),
    Action.unit_members_read: Rule(frozenset({Role.admin, Role.office, Role.unit_editor, Role.unit_viewer})),
    Action.users_manage: Rule(frozenset({Role.admin})),
    Action.clients_manage: Rule(frozenset({Role.admin})),
    Action.audit_read: Rule(frozenset({Role.admin, Role.office})),
    Action.records_read: Rule(ALL_ROLES, Scope.records_read),
    Action.records_write: Rule(frozenset({Role.unit_editor, Role.office}), Scope.records_write),
    # which transition (submit vs verify…) is then decided by records.service.transition
    Action.records_transition: Rule(frozenset({Role.unit_editor, Role.office}), Scope.records_write),
    Action.records_verify: Rule(frozenset({Role.office})),
    Action.enterprises_merge: Rule(frozenset({Role.office})),
    Action.conflicts_manage: Rule(frozenset({Role.office})),
    Action.progress_read: Rule(ALL_ROLES, Scope.records_read),
    Action.progress_city_read: Rule(CITY_READERS, Scope.records_read, city_wide_clients_only=True),
    Action.targets_manage: Rule(frozenset({Role.office})),
    Action.quarters_manage: Rule(frozenset({Role.office})),
    Action.feed_read: Rule(ALL_ROLES, Scope.feed_read),
    # a client manages its own subscriptions (webhooks push the feed), the admin anyone's
    Action.webhooks_manage: Rule(frozenset({Role.admin}), Scope.feed_read),
    Action.notices_own: Rule(ALL_ROLES),  # a person's own inbox; API clients have none
    # 项目协调: which items a unit reads (raised by it or assigned to it), on which projects it may raise one and
    # which it may answer (assigned to it) is decided by the item's rows (coordination/visibility.py, service.py)
    Action.coordination_read: Rule(ALL_ROLES),
    Action.coordination_raise: Rule(frozenset({Role.unit_editor, Role.office})),
    Action.coordination_answer: Rule(frozenset({Role.unit_editor, Role.office})),
    Action.coordination_manage: Rule(frozenset({Role.office})),  # assign, escalate, close
    Action.coordination_meeting: Rule(CITY_READERS),  # the leading group's quarterly meeting list
}


def is_allowed(principal: Principal, action: Action) -> bool:
    rule = RULES.get(action)
    if rule is None:
        return False
    if principal.kind == "user":
        return principal.role in rule.roles
    if principal.kind == "client":
        if rule.city_wide_clients_only and principal.unit_id is not None:
            return False
        return rule.client_scope is not None and rule.client_scope in principal.scopes
    return principal.kind == "system"


def ensure_allowed(principal: Principal, action: Action) -> None:
    if not is_allowed(principal, action):
        raise Forbidden()
