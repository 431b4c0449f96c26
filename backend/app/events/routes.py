from dataclasses import asdict, dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from app.audit import queries as audit
from app.audit.schemas import AuditEventsPublic
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import xlsx
from app.core.deps import SessionDep
from app.core.etag import require_if_match, set_etag
from app.core.schemas import Id, IdPath
from app.events import exports, service
from app.events.models import Event, EventEnterprise, EventKind
from app.events.schemas import EventCreate, EventPublic, EventsPublic, EventUpdate
from app.idempotency.service import IdempotencyDep
from app.records import service as records
from app.records.models import Region, Status
from app.records.routes import add_draft_delete
from app.records.schemas import DateFrom, DateTo, Paging, SearchText, TransitionRequest, UnitFilter

router = APIRouter(prefix="/api/events", tags=["events"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Transitioner = Annotated[Principal, allow(Action.records_transition)]
Sort = Annotated[str, Query(max_length=30, description="event_date / created_at / updated_at / id")]


@dataclass
class EventFilters:
    """The list's filters and sort, shared by the list and its export."""

    unit_id: UnitFilter = None
    kind: EventKind | None = None
    region: Region | None = None
    status: Status | None = None
    date_from: DateFrom = None
    date_to: DateTo = None
    enterprise_id: Id | None = None
    q: SearchText = None
    sort: Sort = "-event_date"


@dataclass
class EventQuery(Paging, EventFilters):
    """The list's filters, then its paging."""


Filters = Annotated[EventFilters, Depends()]


@router.get("", response_model=EventsPublic)
def list_events(session: SessionDep, principal: Reader, query: Annotated[EventQuery, Depends()]) -> EventsPublic:
    page = service.list_events(session, principal, **asdict(query))
    return EventsPublic(data=service.to_public(session, page.items, principal), **page.meta())


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_events(session: SessionDep, principal: Reader, filters: Filters) -> Response:
    """Every event the list shows for the same filters, in the same order, as an Excel workbook (at most
    50,000 rows; more is 422 — narrow the filters)."""
    rows = xlsx.keyset_batches(
        lambda cursor, limit, with_total: service.list_events(session, principal, **asdict(filters), cursor=cursor,
                                                              limit=limit, with_total=with_total),
        lambda items: service.to_public(session, items, principal))
    return exports.workbook(session, principal, rows)


@router.post("", response_model=EventPublic, status_code=201)
def create_event(data: EventCreate, session: SessionDep, principal: Writer, idem: IdempotencyDep) -> Response:
    event = service.create(session, principal, data)
    return idem.respond(service.to_public(session, [event], principal)[0], 201, {"ETag": f'"{event.version}"'})


@router.get("/{event_id}", response_model=EventPublic)
def get_event(event_id: IdPath, session: SessionDep, principal: Reader, response: Response) -> EventPublic:
    event = service.get(session, principal, event_id)
    set_etag(response, event)
    return service.to_public(session, [event], principal)[0]


@router.patch("/{event_id}", response_model=EventPublic)
def update_event(event_id: IdPath, data: EventUpdate, request: Request, response: Response, session: SessionDep,
                 principal: Writer) -> EventPublic:
    event = service.get(session, principal, event_id, for_update=True)
    require_if_match(request, event)
    event = service.update(session, principal, event, data)
    set_etag(response, event)
    return service.to_public(session, [event], principal)[0]


@router.post("/{event_id}/transitions", response_model=EventPublic)
def transition_event(event_id: IdPath, data: TransitionRequest, session: SessionDep, principal: Transitioner,
                     idem: IdempotencyDep) -> Response:
    """submit / withdraw (the organiser); verify / return / reopen (the office, never for its own records)."""
    event = service.get(session, principal, event_id, for_update=True)
    event = records.transition(session, event, data.action, principal, data.reason)
    return idem.respond(service.to_public(session, [event], principal)[0], 200, {"ETag": f'"{event.version}"'})


@router.get("/{event_id}/history", response_model=AuditEventsPublic)
def get_event_history(event_id: IdPath, session: SessionDep, principal: Reader, cursor: audit.Cursor = None,
                      limit: audit.Limit = 50) -> AuditEventsPublic:
    """Who changed the event, when, and the values before and after, newest first — with the enterprises
    added to or removed from it (`event_enterprise`; see `record_history`)."""
    event = service.get(session, principal, event_id)
    return audit.record_history(session, principal, event, children=(EventEnterprise,), cursor=cursor, limit=limit)


add_draft_delete(router, Event, "event_id", "event")
