"""The shared enterprise library. Everyone signed in reads it; unit staff add and correct; the office merges."""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.etag import etag_of, require_if_match
from app.core.schemas import IdPath
from app.enterprises import class_review, service
from app.enterprises.kind import ENTERPRISES
from app.enterprises.models import Enterprise
from app.enterprises.schemas import DuplicateCandidates, EnterpriseMerge, EnterprisePublic
from app.idempotency.service import IdempotencyDep
from app.records.router import record_router

Reader = Annotated[Principal, allow(Action.records_read)]
Merger = Annotated[Principal, allow(Action.enterprises_merge)]
Verifier = Annotated[Principal, allow(Action.records_verify)]


def add_lookups(router: APIRouter) -> None:
    """Collection routes of the library's own, ahead of `/{enterprise_id}`."""
    @router.get("/duplicate-candidates", response_model=DuplicateCandidates)
    def find_duplicate_candidates(
        session: SessionDep, _: Reader, name: Annotated[str | None, Query(max_length=200)] = None,
        uscc: Annotated[str | None, Query(max_length=18)] = None,
    ) -> DuplicateCandidates:
        """For the form's warning while typing: enterprises with the same USCC or a name that normalises alike."""
        return DuplicateCandidates(data=service.duplicate_candidates(session, name, uscc))


router = record_router(ENTERPRISES, collection_routes=add_lookups)


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
