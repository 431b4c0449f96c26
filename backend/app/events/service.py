"""Investment events: organised by a unit, verified by the office, with the enterprises present."""

from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.models import pk
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.events.models import Event, EventEnterprise
from app.events.schemas import EventCreate, EventPublic, EventUpdate
from app.projects.models import Project
from app.projects.visibility import visible as project_visible
from app.records import service as records

NOT_NULL = ("kind", "title", "event_date", "region", "place", "description")


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
    event = records.new_record(session, principal, Event, data, exclude={"enterprise_ids"})
    _set_enterprises(session, event, data.enterprise_ids)
    session.flush()
    return event


def update(session: Session, principal: Principal, event: Event, data: EventUpdate) -> Event:
    changes = records.edit(principal, event, data, NOT_NULL, exclude={"enterprise_ids"})
    if data.enterprise_ids is not None:
        _set_enterprises(session, event, data.enterprise_ids)
    return records.save(session, event, changes)


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
                col(Project.signed_event_id).in_(ids), project_visible(readable_units(principal)))
                .order_by(col(Project.id))):
            signed.setdefault(signed_in, []).append(pid)
    refs = enterprise_refs(session, {x for v in links.values() for x in v})
    return [EventPublic.model_validate(e).model_copy(update={
        "enterprises": [refs[x] for x in sorted(links.get(pk(e), [])) if x in refs],
        "signed_project_ids": signed.get(e.id, [])}) for e in events]
