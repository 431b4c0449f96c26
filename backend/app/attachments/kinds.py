"""Which records take attachments, in one table: the URL segment → the parent's model and who may see it.

A parent is always read through its kind's own visibility (`authz.visibility`, via `records.get_visible`), so a
file of a record the caller may not see answers 404 exactly like the record — by the record's id or the file's.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.authz import visibility
from app.authz.principal import Principal
from app.enterprises import service as enterprises
from app.enterprises.models import Enterprise
from app.events.models import Event
from app.funds.models import FundsReport
from app.projects.models import Project
from app.records import service as records
from app.records.models import VerifiedRecord
from app.visits.models import Visit

Loader = Callable[[Session, int, Principal, bool], Any]


@dataclass(frozen=True)
class Kind:
    path: str  # the URL segment: /api/{path}/{id}/attachments
    table: str
    label_zh: str
    load: Loader  # (session, id, principal, for_update) → the parent, or 404
    owned: bool  # a unit's record: only its unit attaches, and not once submitted or verified


def _record(model: type[VerifiedRecord], visible: records.Visible) -> Loader:
    def load(session: Session, record_id: int, principal: Principal, for_update: bool) -> Any:
        return records.get_visible(session, model, record_id, principal, visible, for_update=for_update)
    return load


def _enterprise(session: Session, record_id: int, _principal: Principal, for_update: bool) -> Any:
    """The library is shared: every reader sees every enterprise (its licences with it)."""
    return enterprises.get(session, record_id, for_update=for_update)


KINDS: tuple[Kind, ...] = (
    Kind("projects", str(Project.__tablename__), "项目", _record(Project, visibility.projects), True),
    Kind("funds-reports", str(FundsReport.__tablename__), "到位资金", _record(FundsReport, visibility.funds_reports),
         True),
    Kind("visits", str(Visit.__tablename__), "走访", _record(Visit, visibility.visits), True),
    Kind("events", str(Event.__tablename__), "活动", _record(Event, visibility.events), True),
    Kind("enterprises", str(Enterprise.__tablename__), "企业", _enterprise, False),
)
BY_TABLE: dict[str, Kind] = {k.table: k for k in KINDS}
