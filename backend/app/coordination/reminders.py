"""The due reminder: each day, a responsible unit hears of its items due within `ZS_COORDINATION_DUE_DAYS` days or
overdue, not yet answered as done and not closed — one notice per unit and day (keyed by the date, so a second run
that day, a retry or a second worker notifies nobody twice)."""

from collections import defaultdict
from datetime import date, timedelta

from huey import crontab
from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.coordination import service
from app.coordination.models import CoordinationItem, CoordinationProgress
from app.coordination.notify import RECORD_TYPE
from app.core import jobs
from app.core.config import get_settings
from app.core.models import pk
from app.core.time import city_today
from app.notices.models import NoticeKind
from app.notices.service import Draft, send, unit_editors
from app.projects.models import Project

LISTED = 10


def coordination_due(session: Session, today: date) -> int:
    horizon = today + timedelta(days=get_settings().coordination_due_days)
    rows = session.exec(select(CoordinationItem, col(Project.name)).join(
        Project, col(Project.id) == col(CoordinationItem.project_id)).where(
        col(CoordinationItem.status).in_(service.OPEN), col(CoordinationItem.assignee_unit_id).is_not(None),
        col(CoordinationItem.due_date) <= horizon,
        or_(col(CoordinationItem.progress).is_(None), col(CoordinationItem.progress) != CoordinationProgress.done))
        .order_by(col(CoordinationItem.due_date), col(CoordinationItem.id))).all()
    due: dict[int, list[tuple[CoordinationItem, str]]] = defaultdict(list)
    for item, name in rows:
        due[item.assignee_unit_id or 0].append((item, name))
    sent = 0
    for unit_id, items in sorted(due.items()):
        late = sum(service.is_overdue(i, today) for i, _ in items)
        lines = [f"项目“{name}”：{f'{i.due_date:%m月%d日}' if i.due_date else ''}"
                 f"{'已超期' if service.is_overdue(i, today) else '到期'}" for i, name in items]
        shown = "；".join(lines[:LISTED]) + (f" 等 {len(lines)} 项" if len(lines) > LISTED else "")
        only = items[0][0] if len(items) == 1 else None
        sent += len(send(session, unit_editors(session, [unit_id]), Draft(
            NoticeKind.coordination_due, f"{len(items)} 项协调事项临近或已过办理时限（超期 {late} 项）", shown,
            RECORD_TYPE if only else None, pk(only) if only else None, key=f"coordination_due:{today.isoformat()}")))
    return sent


@jobs.huey.periodic_task(crontab(hour="0", minute="40"))  # type: ignore[untyped-decorator]  # huey ships no type information
def daily_coordination_due() -> int:
    """08:40 in the city (00:40 UTC), after the other reminders."""
    with jobs.session() as session:
        sent = coordination_due(session, city_today())
        session.commit()
    return sent
