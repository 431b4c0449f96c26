"""The shared enterprise library. Everyone signed in reads it; unit staff add and correct; the office merges."""

from collections.abc import Callable
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
from app.core.etag import etag_of, require_if_match, set_etag
from app.core.schemas import IdPath
from app.enterprises import class_review, exports, service
from app.enterprises.classes import EnterpriseClass
from app.enterprises.models import Enterprise
from app.enterprises.schemas import (
    DuplicateCandidates,
    EnterpriseCreate,
    EnterpriseMerge,
    EnterprisePublic,
    EnterprisesPublic,
    EnterpriseUpdate,
)
from app.idempotency.service import IdempotencyDep
from app.records.schemas import Paging, SearchText

router = APIRouter(prefix="/api/enterprises", tags=["enterprises"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Merger = Annotated[Principal, allow(Action.enterprises_merge)]
Verifier = Annotated[Principal, allow(Action.records_verify)]
Short = Annotated[str | None, Query(max_length=50)]


@dataclass
class EnterpriseFilters:
    """The list's filters and sort, shared by the list and its export."""

    q: SearchText = None
    enterprise_class: EnterpriseClass | None = None
    province: Short = None
    city: Short = None
    industry: Short = None
    include_merged: bool = False
    classes_pending: Annotated[bool, Query(description="只列有待核实类别变更的企业")] = False
    sort: Annotated[str, Query(max_length=20, description="name / created_at / id，前加 - 为倒序")] = "name"


@dataclass
class EnterpriseQuery(Paging, EnterpriseFilters):
    """The list's filters, then its paging."""


Filters = Annotated[EnterpriseFilters, Depends()]


@router.get("", response_model=EnterprisesPublic)
def list_enterprises(session: SessionDep, _: Reader, query: Annotated[EnterpriseQuery, Depends()]) -> EnterprisesPublic:
    page = service.list_enterprises(session, **asdict(query))
    return EnterprisesPublic.model_validate({"data": page.items, **page.meta()})


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_enterprises(session: SessionDep, principal: Reader, filters: Filters) -> Response:
    """Every enterprise the list shows for the same filters, in the same order, as an Excel workbook (at most
    50,000 rows; more is 422 — narrow the filters)."""
    rows = xlsx.keyset_batches(
        lambda cursor, limit, with_total: service.list_enterprises(session, **asdict(filters), cursor=cursor,
                                                                   limit=limit, with_total=with_total),
        lambda items: [EnterprisePublic.model_validate(e) for e in items])
    return exports.workbook(session, principal, rows)


@router.get("/duplicate-candidates", response_model=DuplicateCandidates)
def find_duplicate_candidates(
    session: SessionDep, _: Reader, name: Annotated[str | None, Query(max_length=200)] = None,
    uscc: Annotated[str | None, Query(max_length=18)] = None,
) -> DuplicateCandidates:
    """For the form's warning while typing: enterprises with the same USCC or a name that normalises alike."""
    return DuplicateCandidates(data=service.duplicate_candidates(session, name, uscc))


@router.post("", response_model=EnterprisePublic, status_code=201,
             responses={409: {"description": "可能重复：返回 candidates"}})
def create_enterprise(data: EnterpriseCreate, session: SessionDep, principal: Writer, idem: IdempotencyDep) -> Response:
    ent = service.create(session, principal, data)
    return idem.respond(EnterprisePublic.model_validate(ent), 201, {"ETag": f'"{ent.version}"'})


@router.get("/{enterprise_id}", response_model=EnterprisePublic)
def get_enterprise(enterprise_id: IdPath, session: SessionDep, _: Reader, response: Response) -> EnterprisePublic:
    ent = service.get(session, enterprise_id)
    set_etag(response, ent)
    return EnterprisePublic.model_validate(ent)


@router.patch("/{enterprise_id}", response_model=EnterprisePublic)
def update_enterprise(enterprise_id: IdPath, data: EnterpriseUpdate, request: Request, response: Response,
                      session: SessionDep, principal: Writer) -> EnterprisePublic:
    """A new name keeps the old one among the former names. A unit's change of a class the figures count
    (世界500强, 央企, 中国500强, 行业冠军, 协会/商会) on an enterprise that verified records rely on is kept
    in `proposed_classes` until the office verifies it; figures keep the verified classes meanwhile."""
    ent = service.get(session, enterprise_id, for_update=True)
    require_if_match(request, ent)
    ent = service.update_enterprise(session, ent, data, principal)
    set_etag(response, ent)
    return EnterprisePublic.model_validate(ent)


def _review(enterprise_id: int, request: Request, session: SessionDep, idem: IdempotencyDep,
            act: Callable[[Enterprise], Enterprise]) -> Response:
    ent = service.get(session, enterprise_id, for_update=True)
    require_if_match(request, ent)
    ent = act(ent)
    return idem.respond(EnterprisePublic.model_validate(ent), 200, headers={"ETag": etag_of(ent)})


@router.post("/{enterprise_id}/classes/verify", response_model=EnterprisePublic)
def verify_enterprise_classes(enterprise_id: IdPath, request: Request, session: SessionDep, principal: Verifier,
                              idem: IdempotencyDep) -> Response:
    """Applies a unit's proposed class change: the figures that count the classes follow."""
    return _review(enterprise_id, request, session, idem, lambda e: class_review.verify(session, e, principal))


@router.post("/{enterprise_id}/classes/reject", response_model=EnterprisePublic)
def reject_enterprise_classes(enterprise_id: IdPath, request: Request, session: SessionDep, _: Verifier,
                              idem: IdempotencyDep) -> Response:
    """Drops a unit's proposed class change; the verified classes stay."""
    return _review(enterprise_id, request, session, idem, lambda e: class_review.reject(session, e))


@router.post("/{enterprise_id}/merge", response_model=EnterprisePublic)
def merge_enterprise(enterprise_id: IdPath, data: EnterpriseMerge, session: SessionDep, _: Merger,
                     idem: IdempotencyDep) -> Response:
    """Merges this enterprise into `into_id`: every lead, visit, event and project link moves to the survivor."""
    survivor = service.merge(session, enterprise_id, data.into_id, data.reason)
    return idem.respond(EnterprisePublic.model_validate(survivor), 200)


@router.get("/{enterprise_id}/history", response_model=AuditEventsPublic)
def get_enterprise_history(enterprise_id: IdPath, session: SessionDep, principal: Reader,
                           cursor: audit.Cursor = None, limit: audit.Limit = 50) -> AuditEventsPublic:
    """Who changed the enterprise, when, and the values before and after (renames, merges), newest first
    (see `record_history`). The library is shared, so every reader may read it."""
    ent = service.get(session, enterprise_id)
    return audit.record_history(session, principal, ent, cursor=cursor, limit=limit)
