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
from app.enterprises.classes import EnterpriseClass
from app.idempotency.service import IdempotencyDep
from app.records import service as records
from app.records.models import Region, Status
from app.records.routes import add_draft_delete
from app.records.schemas import DateFrom, DateTo, Paging, SearchText, TransitionRequest, UnitFilter
from app.visits import exports, service
from app.visits.models import Visit
from app.visits.schemas import VisitCreate, VisitPublic, VisitsPublic, VisitUpdate

router = APIRouter(prefix="/api/visits", tags=["visits"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Transitioner = Annotated[Principal, allow(Action.records_transition)]
Sort = Annotated[str, Query(max_length=30, description="visit_date / created_at / updated_at / id，前加 - 为倒序")]


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
    sort: Sort = "-visit_date"


@dataclass
class VisitQuery(Paging, VisitFilters):
    """The list's filters, then its paging."""


Filters = Annotated[VisitFilters, Depends()]


@router.get("", response_model=VisitsPublic)
def list_visits(session: SessionDep, principal: Reader, query: Annotated[VisitQuery, Depends()]) -> VisitsPublic:
    page = service.list_visits(session, principal, **asdict(query))
    return VisitsPublic(data=service.to_public(session, page.items), **page.meta())


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_visits(session: SessionDep, principal: Reader, filters: Filters) -> Response:
    """Every visit the list shows for the same filters, in the same order, as an Excel workbook (at most
    50,000 rows; more is 422 — narrow the filters)."""
    rows = xlsx.keyset_batches(
        lambda cursor, limit, with_total: service.list_visits(session, principal, **asdict(filters), cursor=cursor,
                                                              limit=limit, with_total=with_total),
        lambda items: service.to_public(session, items))
    return exports.workbook(session, principal, rows)


@router.post("", response_model=VisitPublic, status_code=201)
def create_visit(data: VisitCreate, session: SessionDep, principal: Writer, idem: IdempotencyDep) -> Response:
    visit = service.create(session, principal, data)
    return idem.respond(service.to_public(session, [visit])[0], 201, {"ETag": f'"{visit.version}"'})


@router.get("/{visit_id}", response_model=VisitPublic)
def get_visit(visit_id: IdPath, session: SessionDep, principal: Reader, response: Response) -> VisitPublic:
    visit = service.get(session, principal, visit_id)
    set_etag(response, visit)
    return service.to_public(session, [visit])[0]


@router.patch("/{visit_id}", response_model=VisitPublic,
              responses={412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}})
def update_visit(visit_id: IdPath, data: VisitUpdate, request: Request, response: Response, session: SessionDep,
                 principal: Writer) -> VisitPublic:
    visit = service.get(session, principal, visit_id, for_update=True)
    require_if_match(request, visit)
    visit = service.update(session, principal, visit, data)
    set_etag(response, visit)
    return service.to_public(session, [visit])[0]


@router.post("/{visit_id}/transitions", response_model=VisitPublic)
def transition_visit(visit_id: IdPath, data: TransitionRequest, session: SessionDep, principal: Transitioner,
                     idem: IdempotencyDep) -> Response:
    """submit / withdraw (the unit); verify / return / reopen (the office, never for its own records)."""
    visit = service.get(session, principal, visit_id, for_update=True)
    visit = records.transition(session, visit, data.action, principal, data.reason)
    return idem.respond(service.to_public(session, [visit])[0], 200, {"ETag": f'"{visit.version}"'})


@router.get("/{visit_id}/history", response_model=AuditEventsPublic)
def get_visit_history(visit_id: IdPath, session: SessionDep, principal: Reader, cursor: audit.Cursor = None,
                      limit: audit.Limit = 50) -> AuditEventsPublic:
    """Who changed the visit, when, and the values before and after, newest first (see `record_history`)."""
    visit = service.get(session, principal, visit_id)
    return audit.record_history(session, principal, visit, cursor=cursor, limit=limit)


add_draft_delete(router, Visit, "visit_id", "visit")
