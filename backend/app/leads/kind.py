"""Leads as a record kind: their filters and sorts, and the definition the shared router serves. Leads are not
verified (no transitions); the unit a lead is assigned to reads it too and reports back through its state."""

from dataclasses import dataclass
from typing import Annotated

from sqlmodel import Session, col

from app.core.filters import where_between
from app.core.schemas import Id
from app.core.typing import AnySelect
from app.enterprises.lookup import EnterpriseFilter, where_enterprise
from app.leads import exports, service
from app.leads.models import Lead, LeadSource, LeadState
from app.leads.schemas import LeadCreate, LeadPublic, LeadsPublic, LeadUpdate
from app.leads.visibility import visible
from app.records.filters import AmountRange, DateRange, UnitAndText, sort_columns, sort_query
from app.records.kind import RecordKind, where_same

SORTS = sort_columns(Lead, "received_on", "created_at", "updated_at", "id")


@dataclass
class LeadFilters(AmountRange, EnterpriseFilter, DateRange, UnitAndText):
    """The list's filters and sort, shared by the list and its export (dates: received; amount: intended)."""

    assigned_unit_id: Id | None = None
    source: LeadSource | None = None
    state: LeadState | None = None
    cluster_id: Id | None = None
    sort: Annotated[str, sort_query(SORTS)] = "-received_on"


def where(session: Session, stmt: AnySelect, f: LeadFilters) -> AnySelect:
    stmt = where_same(stmt, Lead, f, ("unit_id", "assigned_unit_id", "source", "state", "cluster_id"))
    stmt = where_between(stmt, col(Lead.received_on), f.date_from, f.date_to)
    stmt = where_between(stmt, col(Lead.intended_amount), f.amount_min, f.amount_max)
    return where_enterprise(session, stmt, Lead.id, Lead.enterprise_id, f, f.q, Lead.description, Lead.contact_name)


LEADS = RecordKind(
    create_flushes_later=True,  # an import may flush many new rows at once
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
