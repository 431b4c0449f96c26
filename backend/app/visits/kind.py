"""Visits as a record kind: their filters, sorts and search, and the definition the shared router serves."""

from dataclasses import dataclass
from typing import Annotated

from sqlmodel import Session, col

from app.core.filters import where_between
from app.core.schemas import Id
from app.core.typing import AnySelect
from app.enterprises.classes import EnterpriseClass
from app.enterprises.lookup import matching_enterprise_or, where_enterprise_class
from app.records.filters import sort_columns, sort_query
from app.records.kind import RecordKind, where_same
from app.records.models import Region, Status
from app.records.schemas import DateFrom, DateTo, SearchText, UnitFilter
from app.visits import exports, service
from app.visits.models import Visit
from app.visits.schemas import VisitCreate, VisitPublic, VisitsPublic, VisitUpdate
from app.visits.visibility import visible

SORTS = sort_columns(Visit, "visit_date", "created_at", "updated_at", "id")


@dataclass
class VisitFilters:
    """The list's filters and sort, shared by the list and its export."""

    unit_id: UnitFilter = None
    status: Status | None = None
    region: Region | None = None
    date_from: DateFrom = None
    date_to: DateTo = None
    enterprise_id: Id | None = None
    lead_id: Id | None = None
    enterprise_class: EnterpriseClass | None = None
    q: SearchText = None
    sort: Annotated[str, sort_query(SORTS, descending_hint=True)] = "-visit_date"


def where(session: Session, stmt: AnySelect, f: VisitFilters) -> AnySelect:
    stmt = where_same(stmt, Visit, f, ("unit_id", "status", "region", "enterprise_id", "lead_id"))
    stmt = where_between(stmt, col(Visit.visit_date), f.date_from, f.date_to)
    stmt = where_enterprise_class(stmt, Visit.enterprise_id, f.enterprise_class)
    if f.q:
        stmt = stmt.where(matching_enterprise_or(session, Visit.id, Visit.enterprise_id, f.q, Visit.place,
                                                 Visit.outcome))
    return stmt


VISITS = RecordKind(
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
