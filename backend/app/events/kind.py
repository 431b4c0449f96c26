"""Events as a record kind: their filters and sorts, and the definition the shared router serves."""

from dataclasses import dataclass
from typing import Annotated

from app.core.schemas import Id
from app.events import exports, service
from app.events.models import Event, EventEnterprise, EventKind
from app.events.schemas import EventCreate, EventPublic, EventsPublic, EventUpdate
from app.events.visibility import visible
from app.records import filters
from app.records.filters import ColumnFilters, DateRange, UnitAndText, sort_columns, sort_query
from app.records.kind import RecordKind
from app.records.models import Region, Status

SORTS = sort_columns(Event, "event_date", "created_at", "updated_at", "id")


@dataclass
class EventFilters(DateRange, UnitAndText):
    """The list's filters and sort, shared by the list and its export."""

    kind: EventKind | None = None
    region: Region | None = None
    status: Status | None = None
    enterprise_id: Id | None = None
    sort: Annotated[str, sort_query(SORTS)] = "-event_date"


EVENTS = RecordKind(
    name="event", model=Event,
    create_schema=EventCreate, update_schema=EventUpdate, public_schema=EventPublic, list_schema=EventsPublic,
    filters=EventFilters, visible=visible, sorts=SORTS,
    where=ColumnFilters(Event, ("unit_id", "kind", "region", "status"), dates=Event.event_date, more=[
        filters.linked_to("enterprise_id", Event.id, EventEnterprise.event_id, EventEnterprise.enterprise_id),
        filters.texts_containing(Event.title, Event.place)]),
    create=service.create, update=service.update, to_public=service.to_public, export=exports.SHEET,
    history_children=(EventEnterprise,),
    docs={
        "transition": "submit / withdraw (the organiser); verify / return / reopen (the office, never for its own "
                      "records).",
        "history": "Who changed the event, when, and the values before and after, newest first — with the enterprises\n"
                   "added to or removed from it (`event_enterprise`; see `record_history`).",
    },
)
