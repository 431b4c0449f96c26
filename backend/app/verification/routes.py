from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.schemas import Id
from app.idempotency.service import IdempotencyDep
from app.records.schemas import Cursor, Limit
from app.verification import service
from app.verification.schemas import BulkRequest, BulkResult, QueuePublic, RecordType

router = APIRouter(prefix="/api/verification", tags=["verification"])
Office = Annotated[Principal, allow(Action.records_verify)]


@router.get("/queue", response_model=QueuePublic)
def get_verification_queue(
    session: SessionDep, principal: Office, record_type: Annotated[RecordType | None, Query()] = None,
    unit_id: Id | None = None, submitted_from: datetime | None = None, submitted_to: datetime | None = None,
    cursor: Cursor = None, limit: Limit = 50,
) -> QueuePublic:
    """Submitted visits, events, projects and funds reports, oldest first; `can_review` is false for the
    office's own records that this clerk may not review."""
    items, counts, next_cursor = service.queue(session, principal, record_type=record_type, unit_id=unit_id,
                                               submitted_from=submitted_from, submitted_to=submitted_to,
                                               cursor=cursor, limit=limit)
    return QueuePublic(data=items, counts=counts, next_cursor=next_cursor)


@router.post("/bulk", response_model=BulkResult)
def bulk_verify(data: BulkRequest, session: SessionDep, principal: Office, idem: IdempotencyDep) -> Response:
    """Verify or return many records at once. All or nothing: one stale or ineligible item stops the batch."""
    results = service.bulk(session, principal, data)
    return idem.respond(BulkResult(action=data.action, data=results), 200)
