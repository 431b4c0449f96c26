"""Which records take attachments, in one table: the URL segment → the parent's model and who may see it.

A parent is always read through its kind's own visibility (`app.kinds`, each kind's `get`), so a
file of a record the caller may not see answers 404 exactly like the record — by the record's id or the file's.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.authz.principal import Principal
from app.core import labels
from app.kinds import BY_TABLE as RECORD_KINDS


@dataclass(frozen=True)
class Kind:
    """A record kind that takes files, by its table; its URL segment, name and ownership are its record kind's."""

    table: str

    @property
    def path(self) -> str:
        """The URL segment: /api/v1/{path}/{id}/attachments."""
        return RECORD_KINDS[self.table].path.rsplit("/", 1)[1]

    @property
    def label_zh(self) -> str:
        return labels.zh("recordKind")[self.table]

    @property
    def owned(self) -> bool:
        """A unit's record: only its unit attaches, and not once submitted or verified."""
        return RECORD_KINDS[self.table].verified

    def load(self, session: Session, record_id: int, principal: Principal, for_update: bool) -> Any:
        """The parent through its record kind's own loading: the kind's visibility (404 when hidden); the
        enterprise library is shared, so every reader sees every enterprise (its licences with it)."""
        return RECORD_KINDS[self.table].get(session, principal, record_id, for_update=for_update)


KINDS: tuple[Kind, ...] = tuple(Kind(table) for table in ("project", "funds_report", "visit", "event", "enterprise"))
BY_TABLE: dict[str, Kind] = {k.table: k for k in KINDS}
