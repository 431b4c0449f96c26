"""A change's record in its current public form, as the kind's own GET answers it (or None: a tombstone)."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.core.models import pk
from app.enterprises.models import Enterprise
from app.enterprises.schemas import EnterprisePublic
from app.events import service as events
from app.events.models import Event
from app.feed.models import FeedChange, RecordKind
from app.feed.schemas import ChangePublic
from app.funds import service as funds
from app.funds.models import FundsReport
from app.leads import service as leads
from app.leads.models import Lead
from app.projects import service as projects
from app.projects.models import Project
from app.visits import service as visits
from app.visits.models import Visit

Render = Callable[[Session, list[Any], Principal], Sequence[BaseModel]]
RENDERERS: dict[str, tuple[Any, Render]] = {
    RecordKind.enterprise: (Enterprise, lambda s, rows, p: [EnterprisePublic.model_validate(e) for e in rows]),
    RecordKind.lead: (Lead, lambda s, rows, p: leads.to_public(s, rows, p)),
    RecordKind.visit: (Visit, lambda s, rows, p: visits.to_public(s, rows)),
    RecordKind.event: (Event, lambda s, rows, p: events.to_public(s, rows, p)),
    RecordKind.project: (Project, lambda s, rows, p: projects.to_public(s, rows)),
    RecordKind.funds_report: (FundsReport, lambda s, rows, p: funds.to_public(s, rows)),
}


def render(session: Session, principal: Principal, changes: Sequence[FeedChange]) -> list[ChangePublic]:
    """One query (and the kind's own batch) per kind on the page."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for change in changes:
        wanted[change.kind].add(change.record_id)
    forms: dict[tuple[str, int], dict[str, Any]] = {}
    for kind, ids in wanted.items():
        model, to_public = RENDERERS[kind]
        rows = list(session.exec(select(model).where(col(model.id).in_(sorted(ids)))))
        for row, public in zip(rows, to_public(session, rows, principal), strict=True):
            forms[(kind, row.id)] = public.model_dump(mode="json")
    out = []
    for change in changes:
        form = forms.get((change.kind, change.record_id))
        out.append(ChangePublic(id=pk(change), kind=change.kind, record_id=change.record_id, action=change.action,
                                version=change.version, at=change.at, deleted=form is None, record=form))
    return out
