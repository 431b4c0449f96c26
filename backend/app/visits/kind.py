"""Visits as a record kind: their filters, sorts and search, and the definition the shared router serves."""

from dataclasses import dataclass
from typing import Annotated

from app.core.schemas import Id
from app.enterprises.lookup import EnterpriseFilter, naming_enterprise
from app.records.filters import ColumnFilters, DateRange, UnitAndText, sort_columns, sort_query
from app.records.kind import RecordKind
from app.records.models import Region, Status
from app.visits import exports, service
from app.visits.models import Visit
from app.visits.schemas import VisitCreate, VisitPublic, VisitsPublic, VisitUpdate
from app.visits.visibility import visible

SORTS = sort_columns(Visit, "visit_date", "created_at", "updated_at", "id")


@dataclass
class VisitFilters(EnterpriseFilter, DateRange, UnitAndText):
    """The list's filters and sort, shared by the list and its export."""

    status: Status | None = None
    region: Region | None = None
    lead_id: Id | None = None
    sort: Annotated[str, sort_query(SORTS, descending_hint=True)] = "-visit_date"


VISITS = RecordKind(
    create_flushes_later=True,  # an import may flush many new rows at once
    name="visit", model=Visit,
    create_schema=VisitCreate, update_schema=VisitUpdate, public_schema=VisitPublic, list_schema=VisitsPublic,
    filters=VisitFilters, visible=visible, sorts=SORTS,
    where=ColumnFilters(Visit, ("unit_id", "status", "region", "lead_id"), dates=Visit.visit_date,
                        more=[naming_enterprise(Visit.id, Visit.enterprise_id, Visit.place, Visit.outcome)]),
    create=service.create, update=service.update, to_public=service.to_public, export=exports.SHEET,
    docs={
        "transition": "submit / withdraw (the unit); verify / return / reopen (the office, never for its own records).",
        "history": "Who changed the visit, when, and the values before and after, newest first (see `record_history`).",
    },
    responses={"update": {412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}}},
)
