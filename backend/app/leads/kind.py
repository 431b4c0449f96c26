"""Leads as a record kind: their filters and sorts, and the definition the shared router serves. Leads are not
verified (no transitions); the unit a lead is assigned to reads it too and reports back through its state."""

from dataclasses import dataclass
from typing import Annotated

from sqlmodel import Session, col

from app.core.filters import where_between
from app.core.schemas import Id
from app.core.typing import AnySelect
from app.enterprises.classes import EnterpriseClass
from app.enterprises.lookup import matching_enterprise_or, where_enterprise_class
from app.leads import exports, service
from app.leads.models import Lead, LeadSource, LeadState
from app.leads.schemas import LeadCreate, LeadPublic, LeadsPublic, LeadUpdate
from app.leads.visibility import visible
from app.records.filters import AmountFilter, sort_columns, sort_query
from app.records.kind import RecordKind, where_same
from app.records.schemas import DateFrom, DateTo, SearchText, UnitFilter

SORTS = sort_columns(Lead, "received_on", "created_at", "updated_at", "id")


@dataclass
class LeadFilters:
    """The list's filters and sort, shared by the list and its export."""

    unit_id: UnitFilter = None
    assigned_unit_id: Id | None = None
    source: LeadSource | None = None
    state: LeadState | None = None
    cluster_id: Id | None = None
    date_from: DateFrom = None
    date_to: DateTo = None
    enterprise_id: Id | None = None
    enterprise_class: EnterpriseClass | None = None
    amount_min: AmountFilter = None
    amount_max: AmountFilter = None
    q: SearchText = None
    sort: Annotated[str, sort_query(SORTS)] = "-received_on"


def where(session: Session, stmt: AnySelect, f: LeadFilters) -> AnySelect:
    stmt = where_same(stmt, Lead, f, ("unit_id", "assigned_unit_id", "source", "state", "cluster_id", "enterprise_id"))
    stmt = where_between(stmt, col(Lead.received_on), f.date_from, f.date_to)
    stmt = where_between(stmt, col(Lead.intended_amount), f.amount_min, f.amount_max)
    stmt = where_enterprise_class(stmt, Lead.enterprise_id, f.enterprise_class)
    if f.q:
        stmt = stmt.where(matching_enterprise_or(session, Lead.id, Lead.enterprise_id, f.q, Lead.description,
                                                 Lead.contact_name))
    return stmt


LEADS = RecordKind(
    name="lead", model=Lead,
    create_schema=LeadCreate, update_schema=LeadUpdate, public_schema=LeadPublic, list_schema=LeadsPublic,
    filters=LeadFilters, visible=visible, where=where, sorts=SORTS,
    create=service.create, update=service.update, to_public=service.to_public, to_public_one=service.with_growth,
    export=exports.SHEET,
    docs={
        "read": "With the visits and projects that grew from the lead.",
        "update": "The owner edits everything; the unit the lead is assigned to may change only `state`.",
        "history": "Who changed the lead, when, and the values before and after, newest first — for the owner and the\n"
                   "assigned unit alike (see `record_history`).",
    },
)
