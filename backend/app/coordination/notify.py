"""Who hears of each step of a coordination item, in the step's own transaction (never the person who took it):

- raised: the office, which assigns it;
- assigned (or reassigned): the responsible unit's editors;
- answered: the raising unit's editors and the office;
- escalated, closed: the raising unit's editors.
The due reminder is `reminders.py`."""

from collections.abc import Iterable

from sqlmodel import Session

from app.authz.principal import Principal
from app.coordination.models import CoordinationItem
from app.core import labels
from app.core.models import pk
from app.notices.models import NoticeKind
from app.notices.service import Draft, office_staff, send, unit_editors
from app.projects.models import Project
from app.units.models import Unit
from app.users.models import User

RECORD_TYPE = "coordination_item"  # the notices' link: the SPA opens /coordination/{record_id}


def _actor(principal: Principal) -> int | None:
    return principal.id if principal.kind == "user" else None


def _project(session: Session, item: CoordinationItem) -> str:
    project = session.get(Project, item.project_id)
    return project.name if project else f"#{item.project_id}"


def _unit(session: Session, unit_id: int | None) -> str:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name_zh if unit else ""


def _category(item: CoordinationItem) -> str:
    return labels.label(labels.zh("coordinationCategory"), item.category)


def _send(session: Session, users: Iterable[User], kind: NoticeKind, item: CoordinationItem, title: str,
          body: str) -> None:
    unique = list({pk(u): u for u in users}.values())
    send(session, unique, Draft(kind, title, body, RECORD_TYPE, pk(item)))


def raised(session: Session, principal: Principal, item: CoordinationItem, project_name: str) -> None:
    _send(session, office_staff(session, exclude_user=_actor(principal)), NoticeKind.coordination_raised, item,
          f"{_unit(session, item.raised_by_unit_id)}就项目“{project_name}”提出协调事项（{_category(item)}）",
          f"诉求：{item.ask}")


def assigned(session: Session, principal: Principal, item: CoordinationItem, unit_name: str) -> None:
    due = f"{item.due_date:%Y-%m-%d}" if item.due_date else ""
    _send(session, unit_editors(session, [item.assignee_unit_id or 0], exclude_user=_actor(principal)),
          NoticeKind.coordination_assigned, item,
          f"请{unit_name}于 {due} 前办理：项目“{_project(session, item)}”{_category(item)}问题",
          f"问题：{item.description}\n诉求：{item.ask}")


def answered(session: Session, principal: Principal, item: CoordinationItem, text: str, done: bool) -> None:
    actor = _actor(principal)
    users = [*unit_editors(session, [item.raised_by_unit_id], exclude_user=actor),
             *office_staff(session, exclude_user=actor)]
    _send(session, users, NoticeKind.coordination_answered, item,
          f"项目“{_project(session, item)}”的协调事项已答复（{'已办结，待确认' if done else '办理中'}）",
          f"{_unit(session, item.assignee_unit_id)}答复：{text}")


def escalated(session: Session, principal: Principal, item: CoordinationItem) -> None:
    _send(session, unit_editors(session, [item.raised_by_unit_id], exclude_user=_actor(principal)),
          NoticeKind.coordination_escalated, item,
          f"项目“{_project(session, item)}”的协调事项已提交{item.escalated_year}年第{item.escalated_quarter}季度"
          "领导小组会议研究", f"理由：{item.escalation_reason or ''}")


def closed(session: Session, principal: Principal, item: CoordinationItem) -> None:
    _send(session, unit_editors(session, [item.raised_by_unit_id], exclude_user=_actor(principal)),
          NoticeKind.coordination_closed, item, f"项目“{_project(session, item)}”的协调事项已办结",
          f"办结说明：{item.close_note or ''}")
