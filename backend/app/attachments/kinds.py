"""Which records take attachments, in one table: the URL segment → the parent's model and who may see it.

A parent is always read through its kind's own visibility (`app.kinds`, each kind's `get`), so a
file of a record the caller may not see answers 404 exactly like the record — by the record's id or the file's.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.authz.principal import Principal
from app.kinds import BY_TABLE as RECORD_KINDS


@dataclass(frozen=True)
class Kind:
    path: str  # the URL segment: /api/v1/{path}/{id}/attachments
    table: str
    label_zh: str
    owned: bool  # a unit's record: only its unit attaches, and not once submitted or verified

    def load(self, session: Session, record_id: int, principal: Principal, for_update: bool) -> Any:
        """The parent through its record kind's own loading: the kind's visibility (404 when hidden); the
        enterprise library is shared, so every reader sees every enterprise (its licences with it)."""
        return RECORD_KINDS[self.table].get(session, principal, record_id, for_update=for_update)


KINDS: tuple[Kind, ...] = (
    Kind("projects", "project", "项目", True),
    Kind("funds-reports", "funds_report", "到位资金", True),
    Kind("visits", "visit", "走访", True),
    Kind("events", "event", "活动", True),
    Kind("enterprises", "enterprise", "企业", False),
)
BY_TABLE: dict[str, Kind] = {k.table: k for k in KINDS}
