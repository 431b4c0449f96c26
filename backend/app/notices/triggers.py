"""The events that notify a unit's staff, in the transaction of the service that performs them: a record verified,
returned or reopened (`records.service.transition`), a merge moving the unit's records (`enterprises.service.merge`)
— both through the records' workflow hooks, registered in app/hooks.py — and a suspected double claim on its
project (`announce_conflicts`, on a schedule)."""

from collections import defaultdict
from typing import Any

from sqlalchemy import union_all
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.conflicts import service as conflict_service
from app.conflicts.schemas import ConflictPublic
from app.core.models import pk
from app.enterprises.models import Enterprise
from app.events.models import Event, EventEnterprise
from app.leads.models import Lead
from app.notices.models import NoticeKind
from app.notices.service import Draft, send, unit_editors
from app.projects.models import Project, ProjectEnterprise
from app.records.models import VerifiedRecord
from app.visits.models import Visit

TRANSITION_KINDS = {"verify": NoticeKind.record_verified, "return": NoticeKind.record_returned,
                    "reopen": NoticeKind.record_reopened}
TRANSITION_ZH = {"verify": "已核实", "return": "被退回", "reopen": "被重新打开"}


def _title_of(session: Session, record_type: str, record_id: int) -> str:
    from app.verification.service import _titles  # noqa: PLC0415 - loaded on first use, not at start-up

    rows: Any = [(record_type, record_id)]  # the queue's rows start with (type, id), all _titles reads
    return _titles(session, rows).get((record_type, record_id), f"{record_type} #{record_id}")


def record_transitioned(session: Session, principal: Principal, obj: VerifiedRecord, action: str,
                        _reason: str | None) -> None:
    """The office verified, returned or reopened a record: its unit's staff hear of it, with the reason."""
    kind = TRANSITION_KINDS.get(action)
    if kind is None:
        return
    record_type = str(type(obj).__tablename__)
    users = unit_editors(session, [obj.unit_id], exclude_user=principal.id if principal.kind == "user" else None)
    body = f"原因：{obj.return_reason}" if action != "verify" and obj.return_reason else ""
    send(session, users, Draft(kind, f"{_title_of(session, record_type, pk(obj))} {TRANSITION_ZH[action]}", body,
                               record_type, pk(obj)))


def enterprise_merged(session: Session, merged: Enterprise, survivor: Enterprise, reason: str) -> None:
    """Called before the merge moves the links: each unit whose records name `merged` hears how many move."""
    eid = pk(merged)
    owned: Any = union_all(
        select(col(Lead.unit_id), col(Lead.id)).where(Lead.enterprise_id == eid),
        select(col(Visit.unit_id), col(Visit.id)).where(Visit.enterprise_id == eid),
        select(col(Event.unit_id), col(Event.id)).join(EventEnterprise, col(EventEnterprise.event_id) == col(Event.id))
        .where(EventEnterprise.enterprise_id == eid),
        select(col(Project.unit_id), col(Project.id)).join(
            ProjectEnterprise, col(ProjectEnterprise.project_id) == col(Project.id))
        .where(ProjectEnterprise.enterprise_id == eid))
    counts: dict[int, int] = defaultdict(int)
    for unit_id, _record_id in session.execute(owned):
        counts[unit_id] += 1
    for unit_id, n in sorted(counts.items()):
        send(session, unit_editors(session, [unit_id]), Draft(
            NoticeKind.enterprise_merged, f"企业“{merged.name}”已合并到“{survivor.name}”",
            f"本单位 {n} 条记录（线索、走访、活动、项目）已改为关联“{survivor.name}”。合并原因：{reason}",
            "enterprise", pk(survivor)))


def conflicts_detected(session: Session, conflicts: list[ConflictPublic]) -> None:
    """Each unit hears once per suspected double claim about its own project in it (a reminder-like key)."""
    for conflict in conflicts:
        for record in conflict.records:
            if record.record_type == "project" and record.unit_id is not None:
                send(session, unit_editors(session, [record.unit_id]), Draft(
                    NoticeKind.conflict_raised, f"项目“{record.name}”疑似重复申报", conflict.detected_reason,
                    "project", record.id, key=f"conflict:{conflict.key}:{record.id}"))


def announce_conflicts(session: Session) -> None:
    """Tells the units of undecided suspected double claims about them (once per conflict; run on a schedule,
    since conflicts are detected from the data rather than raised by a request)."""
    conflicts_detected(session, conflict_service.list_conflicts(session, include_decided=False))
