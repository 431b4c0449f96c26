"""Leads as a record kind: their filters and sorts, and the definition the shared router serves. Leads are not
verified (no transitions); the unit a lead is assigned to reads it too and reports back through its state."""

from dataclasses import dataclass
from typing import Annotated

from app.core.schemas import Id
from app.enterprises.lookup import EnterpriseFilter, naming_enterprise
from app.leads import exports, service
from app.leads.models import Lead, LeadSource, LeadState
from app.leads.schemas import LeadCreate, LeadPublic, LeadsPublic, LeadUpdate
from app.leads.visibility import visible
from app.records.filters import AmountRange, ColumnFilters, DateRange, UnitAndText, sort_columns, sort_query
from app.records.kind import RecordKind

SORTS = sort_columns(Lead, "received_on", "created_at", "updated_at", "id")


@dataclass
class LeadFilters(AmountRange, EnterpriseFilter, DateRange, UnitAndText):
    """The list's filters and sort, shared by the list and its export (dates: received; amount: intended)."""

    assigned_unit_id: Id | None = None
    source: LeadSource | None = None
    state: LeadState | None = None
    cluster_id: Id | None = None
    sort: Annotated[str, sort_query(SORTS)] = "-received_on"


LEADS = RecordKind(
    create_flushes_later=True,  # an import may flush many new rows at once
    name="lead", model=Lead,
    create_schema=LeadCreate, update_schema=LeadUpdate, public_schema=LeadPublic, list_schema=LeadsPublic,
    filters=LeadFilters, visible=visible, sorts=SORTS,
    where=ColumnFilters(Lead, ("unit_id", "assigned_unit_id", "source", "state", "cluster_id"), dates=Lead.received_on,
                        amounts=Lead.intended_amount,
                        more=[naming_enterprise(Lead.id, Lead.enterprise_id, Lead.description, Lead.contact_name)]),
    create=service.create, update=service.update, to_public=service.to_public, to_public_one=service.with_growth,
    export=exports.SHEET,
    docs={
        "read": "With the visits and projects that grew from the lead.",
        "update": "The owner edits everything; the unit the lead is assigned to may change only `state`.",
        "history": "Who changed the lead, when, and the values before and after, newest first — for the owner and the\n"
                   "assigned unit alike (see `record_history`).",
    },
)
