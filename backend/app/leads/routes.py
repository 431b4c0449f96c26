from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.etag import require_if_match, set_etag
from app.core.schemas import Id, IdPath
from app.enterprises.classes import EnterpriseClass
from app.idempotency.service import IdempotencyDep
from app.leads import service
from app.leads.models import LeadSource, LeadState
from app.leads.schemas import LeadCreate, LeadPublic, LeadsPublic, LeadUpdate
from app.records.schemas import Cursor, DateFrom, DateTo, Limit, SearchText, UnitFilter, WithTotal

router = APIRouter(prefix="/api/leads", tags=["leads"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Amount = Annotated[Decimal | None, Query(ge=0, le=Decimal("99999999999999.99"), description="万元")]


@router.get("", response_model=LeadsPublic)
def list_leads(
    session: SessionDep, principal: Reader, unit_id: UnitFilter = None, assigned_unit_id: Id | None = None,
    source: LeadSource | None = None, state: LeadState | None = None, cluster_id: Id | None = None,
    date_from: DateFrom = None, date_to: DateTo = None, enterprise_id: Id | None = None,
    enterprise_class: EnterpriseClass | None = None, amount_min: Amount = None, amount_max: Amount = None,
    q: SearchText = None,
    sort: Annotated[str, Query(max_length=30, description="received_on / created_at / updated_at / id")]
    = "-received_on",
    cursor: Cursor = None, limit: Limit = 50, with_total: WithTotal = False,
) -> LeadsPublic:
    page = service.list_leads(session, principal, unit_id=unit_id, assigned_unit_id=assigned_unit_id, source=source,
                              state=state, cluster_id=cluster_id, date_from=date_from, date_to=date_to,
                              enterprise_id=enterprise_id, enterprise_class=enterprise_class, amount_min=amount_min,
                              amount_max=amount_max, q=q, sort=sort, cursor=cursor, limit=limit,
                              with_total=with_total)
    return LeadsPublic(data=service.to_public(session, page.items), next_cursor=page.next_cursor, total=page.total)


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
