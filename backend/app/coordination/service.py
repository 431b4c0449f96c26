"""The life of a coordination item: raised → assigned → answered → (escalated) → closed; reassigning allowed.

Who may take each step is the permission table's (`authz.policy`: raise, answer, manage) narrowed by the item's
rows here: a unit raises only on a project it lands or holds a credit share in (the office on any), answers only
what is assigned to it, and reads only what it raised or was assigned (`visibility.py`; anything else is 404).
Each step is one audited change of the item (named by `set_action`) and notifies who must act next (`notify.py`).
Dates ("overdue", "days open") are the city's calendar days, for a `today` the caller passes in.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from app.audit import service as audit
from app.authz.principal import Principal
from app.authz.scoping import readable_units, writable_units
from app.coordination import notify
from app.coordination.models import CoordinationItem, CoordinationProgress, CoordinationReply, CoordinationStatus
from app.coordination.schemas import (
    CoordinationAssign,
    CoordinationClose,
    CoordinationEscalate,
    CoordinationItemCreate,
    CoordinationItemPublic,
    CoordinationReplyCreate,
    CoordinationReplyPublic,
)
from app.coordination.visibility import visible
from app.core import labels
from app.core.errors import Conflict, Forbidden, Unprocessable
from app.core.etag import bump_version
from app.core.models import pk
from app.core.pagination import Page, keyset_page
from app.core.time import CITY_TZ, utcnow
from app.core.typing import attribute
from app.projects import visibility as projects
from app.projects.models import Project, ProjectCredit, Stage
from app.records.kind import get_visible
from app.units.models import Unit
from app.users.models import Role

OPEN = frozenset(CoordinationStatus) - {CoordinationStatus.closed}
# the statuses each step starts from
STEP_FROM = {
    "assign": OPEN,
    "reply": OPEN - {CoordinationStatus.raised},
    "escalate": OPEN - {CoordinationStatus.raised},
    "close": OPEN,
}
STATUS_ZH = labels.zh("coordinationStatus")  # the catalogue's, as the SPA shows them
STEP_ZH = labels.zh("coordinationStep")
MAX_DUE_DAYS = 366 * 2
SORTS = {"id": col(CoordinationItem.id)}


# ---- dates ---------------------------------------------------------------------------------------------------

def city_date(moment: datetime) -> date:
    return moment.astimezone(CITY_TZ).date()


def is_overdue(item: CoordinationItem, today: date) -> bool:
    return item.status != CoordinationStatus.closed and item.due_date is not None and item.due_date < today


def days_open(item: CoordinationItem, today: date) -> int:
    end = city_date(item.closed_at) if item.closed_at is not None else today
    return max(0, (end - city_date(item.created_at)).days)


def overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(col(CoordinationItem.status) != CoordinationStatus.closed, col(CoordinationItem.due_date) < today)


# ---- reading -------------------------------------------------------------------------------------------------

@dataclass
class ItemFilters:
    status: CoordinationStatus | None = None
    project_id: int | None = None
    overdue: bool | None = None
    assignee_unit_id: int | None = None


def list_items(session: Session, principal: Principal, filters: ItemFilters, today: date, *, cursor: str | None,
               limit: int) -> Page[CoordinationItem]:
    stmt = select(CoordinationItem).where(visible(readable_units(principal)))
    if filters.status is not None:
        stmt = stmt.where(col(CoordinationItem.status) == filters.status)
    if filters.project_id is not None:
        stmt = stmt.where(col(CoordinationItem.project_id) == filters.project_id)
    if filters.assignee_unit_id is not None:
        stmt = stmt.where(col(CoordinationItem.assignee_unit_id) == filters.assignee_unit_id)
    if filters.overdue is not None:
        late = overdue_clause(today)
        on_time = or_(col(CoordinationItem.due_date).is_(None), ~late)  # NOT on a NULL due date is NULL, not true
        stmt = stmt.where(late if filters.overdue else on_time)
    return keyset_page(session, stmt, id_column=col(CoordinationItem.id), sort="-id", allowed=SORTS, cursor=cursor,
                       limit=limit)


def get_item(session: Session, principal: Principal, item_id: int, *, for_update: bool = False) -> CoordinationItem:
    """The item if the caller reads it; 404 otherwise, exactly like a missing one."""
    return get_visible(session, CoordinationItem, attribute(col(CoordinationItem.id)), item_id,
                       visible(readable_units(principal)), for_update=for_update)


def to_public(session: Session, items: list[CoordinationItem], today: date) -> list[CoordinationItemPublic]:
    """Items with their names and replies, in three queries however many items."""
    ids = [pk(i) for i in items]
    replies: dict[int, list[CoordinationReply]] = {i: [] for i in ids}
    for reply in session.exec(select(CoordinationReply).where(col(CoordinationReply.item_id).in_(ids))
                              .order_by(col(CoordinationReply.id))):
        replies[reply.item_id].append(reply)
    project_names = dict(session.exec(select(col(Project.id), col(Project.name)).where(
        col(Project.id).in_({i.project_id for i in items}))).all())
    unit_ids = {i.raised_by_unit_id for i in items} | {i.assignee_unit_id for i in items if i.assignee_unit_id} | {
        r.unit_id for rs in replies.values() for r in rs}
    units = dict(session.exec(select(col(Unit.id), col(Unit.name_zh)).where(col(Unit.id).in_(unit_ids))).all())
    return [CoordinationItemPublic(
        id=pk(i), project_id=i.project_id, project_name=project_names.get(i.project_id, ""),
        raised_by_unit_id=i.raised_by_unit_id, raised_by_unit_name=units.get(i.raised_by_unit_id, ""),
        category=i.category, description=i.description, ask=i.ask, status=i.status,
        assignee_unit_id=i.assignee_unit_id,
        assignee_unit_name=units.get(i.assignee_unit_id) if i.assignee_unit_id else None,
        due_date=i.due_date, overdue=is_overdue(i, today), days_open=days_open(i, today),
        escalated_year=i.escalated_year, escalated_quarter=i.escalated_quarter,
        replies=[CoordinationReplyPublic(id=pk(r), unit_id=r.unit_id, unit_name=units.get(r.unit_id, ""),
                                         author=r.author, text=r.text, progress=r.progress, created_at=r.created_at)
                 for r in replies[pk(i)]],
        created_at=i.created_at, closed_at=i.closed_at, version=i.version) for i in items]


# ---- the steps -----------------------------------------------------------------------------------------------

def _is_office(principal: Principal) -> bool:
    return principal.kind == "user" and principal.role == Role.office


def _ensure_project_unit(session: Session, principal: Principal, project: Project) -> None:
    """A unit raises only on a project it lands or holds a credit share in; the office on any project."""
    if _is_office(principal):
        return
    mine = writable_units(principal)
    if project.landing_unit_id in mine:
        return
    credited = session.exec(select(col(ProjectCredit.unit_id)).where(ProjectCredit.project_id == project.id)).all()
    if not any(unit_id in mine for unit_id in credited):
        raise Forbidden("只有项目的落地单位或分成单位可以就该项目提出协调事项")


def raise_item(session: Session, principal: Principal, data: CoordinationItemCreate) -> CoordinationItem:
    project = get_visible(session, Project, attribute(col(Project.id)), data.project_id,
                          projects.visible(readable_units(principal)))
    _ensure_project_unit(session, principal, project)
    if project.stage == Stage.dropped:
        raise Conflict("项目已终止，不能再提出协调事项", code="project-dropped")
    if principal.unit_id is None:
        raise Forbidden("只有所属单位的人员可以提出协调事项")
    item = CoordinationItem(project_id=pk(project), raised_by_unit_id=principal.unit_id,
                            raised_by=principal.name[:100], category=data.category, description=data.description,
                            ask=data.ask)
    session.add(item)
    audit.set_action(session, item, "raise")
    session.flush()
    notify.raised(session, principal, item, project.name)
    return item


def _step(session: Session, item: CoordinationItem, step: str) -> None:
    """Checks the item may take `step` now (409 otherwise) and names the audited change."""
    if item.status not in STEP_FROM[step]:
        raise Conflict(f"协调事项当前为“{STATUS_ZH.get(item.status, item.status)}”，不能{STEP_ZH[step]}",
                       code="coordination-step")
    audit.set_action(session, item, step)


def _save(session: Session, item: CoordinationItem) -> CoordinationItem:
    bump_version(item)
    session.add(item)
    session.flush()
    return item


def assign(session: Session, principal: Principal, item: CoordinationItem, data: CoordinationAssign,
           today: date) -> CoordinationItem:
    _step(session, item, "assign")
    unit = session.get(Unit, data.assignee_unit_id)
    if unit is None or not unit.active:
        raise Unprocessable("责任单位不存在或已停用", errors=[{"field": "assignee_unit_id", "message": "单位不存在"}])
    if not today <= data.due_date <= date.fromordinal(today.toordinal() + MAX_DUE_DAYS):
        raise Unprocessable("办理时限应在今天至两年之内", errors=[{"field": "due_date", "message": "不在今天至两年内"}])
    item.assignee_unit_id, item.due_date, item.progress = pk(unit), data.due_date, None
    item.status = CoordinationStatus.assigned
    _save(session, item)
    notify.assigned(session, principal, item, unit.name_zh)
    return item


def reply(session: Session, principal: Principal, item: CoordinationItem,
          data: CoordinationReplyCreate) -> CoordinationItem:
    """The responsible unit answers; an item taken to the meeting stays there until the office closes it."""
    unit_id = item.assignee_unit_id
    if unit_id is None or unit_id not in writable_units(principal):
        raise Forbidden("只有责任单位可以答复该协调事项")
    _step(session, item, "reply")
    session.add(CoordinationReply(item_id=pk(item), unit_id=unit_id, author=principal.name[:100],
                                  text=data.text, progress=data.progress))
    item.progress = data.progress
    if item.status != CoordinationStatus.escalated:
        item.status = CoordinationStatus.answered
    _save(session, item)
    notify.answered(session, principal, item, data.text, data.progress == CoordinationProgress.done)
    return item


def escalate(session: Session, principal: Principal, item: CoordinationItem, data: CoordinationEscalate,
             today: date) -> CoordinationItem:
    """To the leading group's meeting of this quarter or a later one (an earlier meeting has been held)."""
    _step(session, item, "escalate")
    if (data.year, data.quarter) < (today.year, (today.month - 1) // 3 + 1):
        raise Unprocessable("只能提交本季度或以后季度的会议", errors=[{"field": "quarter", "message": "已过的季度"}])
    item.escalated_year, item.escalated_quarter, item.escalation_reason = data.year, data.quarter, data.reason
    item.status = CoordinationStatus.escalated
    _save(session, item)
    notify.escalated(session, principal, item)
    return item


def close(session: Session, principal: Principal, item: CoordinationItem, data: CoordinationClose) -> CoordinationItem:
    _step(session, item, "close")
    item.status, item.close_note, item.closed_at = CoordinationStatus.closed, data.note, utcnow()
    _save(session, item)
    notify.closed(session, principal, item)
    return item

