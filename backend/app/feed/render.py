"""A change's record in its current public form, as the kind's own GET answers it (or None: a tombstone)."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.core.models import pk
from app.feed.models import FeedChange
from app.feed.schemas import ChangePublic
from app.kinds import BY_TABLE


def render(session: Session, principal: Principal, changes: Sequence[FeedChange]) -> list[ChangePublic]:
    """One query (and the kind's own batch) per kind on the page."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for change in changes:
        wanted[change.kind].add(change.record_id)
    forms: dict[tuple[str, int], dict[str, Any]] = {}
    for kind, ids in wanted.items():
        record_kind = BY_TABLE[kind]  # a feed kind is its record's table name
        model = record_kind.model
        rows = list(session.exec(select(model).where(col(model.id).in_(sorted(ids)))))
        for row, public in zip(rows, record_kind.to_public(session, rows, principal), strict=True):
            forms[(kind, row.id)] = public.model_dump(mode="json")
    out = []
    for change in changes:
        form = forms.get((change.kind, change.record_id))
        out.append(ChangePublic(id=pk(change), kind=change.kind, record_id=change.record_id, action=change.action,
                                version=change.version, at=change.at, deleted=form is None, record=form))
    return out
