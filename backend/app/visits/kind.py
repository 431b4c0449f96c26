"""Visits as a record kind: their filters, sorts and search, and the definition the shared router serves."""

from dataclasses import dataclass
from typing import Annotated

from sqlmodel import Session, col

from app.core.filters import where_between
from app.core.schemas import Id
from app.core.typing import AnySelect
from app.enterprises.lookup import EnterpriseFilter, where_enterprise
from app.records.filters import DateRange, UnitAndText, sort_columns, sort_query
from app.records.kind import RecordKind, where_same
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


def where(session: Session, stmt: AnySelect, f: VisitFilters) -> AnySelect:
    stmt = where_same(stmt, Visit, f, ("unit_id", "status", "region", "lead_id"))
    stmt = where_between(stmt, col(Visit.visit_date), f.date_from, f.date_to)
    return where_enterprise(session, stmt, Visit.id, Visit.enterprise_id, f, f.q, Visit.place, Visit.outcome)


VISITS = RecordKind(
    create_flushes_later=True,  # an import may flush many new rows at once
    name="visit", model=Visit,
    create_schema=VisitCreate, update_schema=VisitUpdate, public_schema=VisitPublic, list_schema=VisitsPublic,
    filters=VisitFilters, visible=visible, where=where, sorts=SORTS,
    create=service.create, update=service.update, to_public=service.to_public, export=exports.SHEET,
    docs={
        "transition": "submit / withdraw (the unit); verify / return / reopen (the office, never for its own records).",
        "history": "Who changed the visit, when, and the values before and after, newest first (see `record_history`).",
    },
    responses={"update": {412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}}},
)
