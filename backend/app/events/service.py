"""Investment events: organised by a unit, verified by the office, with the enterprises present."""

from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.authz import visibility
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.filters import where_between, where_equal
from app.core.models import pk
from app.core.pagination import CountTo, Page, keyset_page
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.events.models import Event, EventEnterprise
from app.events.schemas import EventCreate, EventPublic, EventUpdate
from app.projects.models import Project
from app.records import service as records

SORTS = {"event_date": col(Event.event_date), "created_at": col(Event.created_at), "updated_at": col(Event.updated_at),
         "id": col(Event.id)}
NOT_NULL = ("kind", "title", "event_date", "region", "place", "description")


def get(session: Session, principal: Principal, event_id: int, *, for_update: bool = False) -> Event:
    return records.get_visible(session, Event, event_id, principal, visibility.events, for_update=for_update)


def _set_enterprises(session: Session, event: Event, enterprise_ids: list[int]) -> None:
    wanted = list(dict.fromkeys(enterprise_ids))
    ensure_enterprises(session, wanted, field="enterprise_ids")
    current = {link.enterprise_id: link for link in session.exec(
        select(EventEnterprise).where(EventEnterprise.event_id == event.id))}
    for eid in set(current) - set(wanted):
        session.delete(current[eid])
    for eid in wanted:
        if eid not in current:
            session.add(EventEnterprise(event_id=pk(event), enterprise_id=eid))


def create(session: Session, principal: Principal, data: EventCreate) -> Event:
    unit_id = records.owner_unit_for_create(principal, data.unit_id)
    event = Event(**data.model_dump(exclude={"unit_id", "enterprise_ids"}), unit_id=unit_id, created_by=principal.name)
    session.add(event)
    session.flush()
    _set_enterprises(session, event, data.enterprise_ids)
    session.flush()
    return event


def update(session: Session, principal: Principal, event: Event, data: EventUpdate) -> Event:
    records.ensure_owner_can_write(principal, event)
    records.ensure_editable(event)
    changes = data.model_dump(exclude_unset=True, exclude={"enterprise_ids"})
    records.reject_nulls(changes, NOT_NULL)
    if data.enterprise_ids is not None:
        _set_enterprises(session, event, data.enterprise_ids)
    records.apply_changes(event, changes)
    session.add(event)
    session.flush()
    return event


def list_events(session: Session, principal: Principal, *, unit_id: int | None, kind: str | None,
                region: str | None, status: str | None, date_from: date | None, date_to: date | None,
                enterprise_id: int | None, q: str | None, sort: str, cursor: str | None, limit: int,
                with_total: bool | CountTo) -> Page[Event]:
    stmt = select(Event).where(visibility.events(readable_units(principal)))
    stmt = where_equal(stmt, ((col(Event.unit_id), unit_id), (col(Event.kind), kind), (col(Event.region), region),
                              (Event.status, status)))
    stmt = where_between(stmt, col(Event.event_date), date_from, date_to)
    if enterprise_id is not None:
        stmt = stmt.where(col(Event.id).in_(select(EventEnterprise.event_id).where(
            EventEnterprise.enterprise_id == enterprise_id)))
    if q:
        stmt = stmt.where(or_(col(Event.title).contains(q, autoescape=True),
                              col(Event.place).contains(q, autoescape=True)))
    return keyset_page(session, stmt, id_column=col(Event.id), sort=sort, allowed=SORTS, cursor=cursor,
                       limit=limit, with_total=with_total)


def to_public(session: Session, events: list[Event], principal: Principal) -> list[EventPublic]:
    """Enterprises present and projects signed there (those the caller may see), batched for the page."""
    ids = [e.id for e in events]
    links: dict[int, list[int]] = {}
    signed: dict[int | None, list[int | None]] = {}
    if ids:
        for eid, ent in session.exec(select(EventEnterprise.event_id, EventEnterprise.enterprise_id).where(
                col(EventEnterprise.event_id).in_(ids))):
            links.setdefault(eid, []).append(ent)
        for pid, signed_in in session.exec(select(col(Project.id), col(Project.signed_event_id)).where(
                col(Project.signed_event_id).in_(ids), visibility.projects(readable_units(principal)))
                .order_by(col(Project.id))):
            signed.setdefault(signed_in, []).append(pid)
    refs = enterprise_refs(session, {x for v in links.values() for x in v})
    return [EventPublic.model_validate(e).model_copy(update={
        "enterprises": [refs[x] for x in sorted(links.get(pk(e), [])) if x in refs],
        "signed_project_ids": signed.get(e.id, [])}) for e in events]
