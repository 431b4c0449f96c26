from dataclasses import asdict, dataclass
from decimal import Decimal
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
from app.enterprises.classes import EnterpriseClass
from app.idempotency.service import IdempotencyDep
from app.leads import exports, service
from app.leads.models import LeadSource, LeadState
from app.leads.schemas import LeadCreate, LeadPublic, LeadsPublic, LeadUpdate
from app.records.schemas import DateFrom, DateTo, Paging, SearchText, UnitFilter

router = APIRouter(prefix="/api/leads", tags=["leads"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Amount = Annotated[Decimal | None, Query(ge=0, le=Decimal("99999999999999.99"), description="万元")]
Sort = Annotated[str, Query(max_length=30, description="received_on / created_at / updated_at / id")]


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
    amount_min: Amount = None
    amount_max: Amount = None
    q: SearchText = None
    sort: Sort = "-received_on"


@dataclass
class LeadQuery(Paging, LeadFilters):
    """The list's filters, then its paging."""


Filters = Annotated[LeadFilters, Depends()]


@router.get("", response_model=LeadsPublic)
def list_leads(session: SessionDep, principal: Reader, query: Annotated[LeadQuery, Depends()]) -> LeadsPublic:
    page = service.list_leads(session, principal, **asdict(query))
    return LeadsPublic(data=service.to_public(session, page.items), **page.meta())


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_leads(session: SessionDep, principal: Reader, filters: Filters) -> Response:
    """Every lead the list shows for the same filters, in the same order, as an Excel workbook (at most
    50,000 rows; more is 422 — narrow the filters)."""
    rows = xlsx.keyset_batches(
        lambda cursor, limit, with_total: service.list_leads(session, principal, **asdict(filters), cursor=cursor,
                                                             limit=limit, with_total=with_total),
        lambda items: service.to_public(session, items))
    return exports.workbook(session, principal, rows)


@router.post("", response_model=LeadPublic, status_code=201)
def create_lead(data: LeadCreate, session: SessionDep, principal: Writer, idem: IdempotencyDep) -> Response:
    lead = service.create(session, principal, data)
    return idem.respond(service.to_public(session, [lead])[0], 201, {"ETag": f'"{lead.version}"'})


@router.get("/{lead_id}", response_model=LeadPublic)
def get_lead(lead_id: IdPath, session: SessionDep, principal: Reader, response: Response) -> LeadPublic:
    """With the visits and projects that grew from the lead."""
    lead = service.get(session, principal, lead_id)
    set_etag(response, lead)
    return service.to_public(session, [lead], principal)[0]


@router.patch("/{lead_id}", response_model=LeadPublic)
def update_lead(lead_id: IdPath, data: LeadUpdate, request: Request, response: Response, session: SessionDep,
                principal: Writer) -> LeadPublic:
    """The owner edits everything; the unit the lead is assigned to may change only `state`."""
    lead = service.get(session, principal, lead_id, for_update=True)
    require_if_match(request, lead)
    lead = service.update(session, principal, lead, data)
    set_etag(response, lead)
    return service.to_public(session, [lead], principal)[0]


@router.get("/{lead_id}/history", response_model=AuditEventsPublic)
def get_lead_history(lead_id: IdPath, session: SessionDep, principal: Reader, cursor: audit.Cursor = None,
                     limit: audit.Limit = 50) -> AuditEventsPublic:
    """Who changed the lead, when, and the values before and after, newest first — for the owner and the
    assigned unit alike (see `record_history`)."""
    lead = service.get(session, principal, lead_id)
    return audit.record_history(session, principal, lead, cursor=cursor, limit=limit)
