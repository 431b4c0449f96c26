from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import xlsx
from app.core.deps import SessionDep
from app.core.pagination import CountTo, Page
from app.core.schemas import Id
from app.idempotency.service import IdempotencyDep
from app.records.schemas import Cursor, Limit
from app.verification import exports, service
from app.verification.schemas import (
    BulkRequest,
    BulkResult,
    QueueItem,
    QueuePublic,
    QueueUnit,
    QueueUnitsPublic,
    RecordType,
)

router = APIRouter(prefix="/api/v1/verification", tags=["verification"])
Office = Annotated[Principal, allow(Action.records_verify)]


@dataclass
class QueueFilters:
    """The queue's filters, shared by the queue and its export."""

    record_type: Annotated[RecordType | None, Query()] = None
    unit_id: Id | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None
    order: Annotated[Literal["oldest", "newest"],
                     Query(description="按报送时间：oldest 最早在前，newest 最新在前")] = "oldest"


@dataclass
class QueueQuery(QueueFilters):
    """The queue's filters, then its paging."""

    cursor: Cursor = None
    limit: Limit = 50


Filters = Annotated[QueueFilters, Depends()]


@router.get("/queue", response_model=QueuePublic)
def get_verification_queue(session: SessionDep, principal: Office,
                           query: Annotated[QueueQuery, Depends()]) -> QueuePublic:
    """Submitted visits, events, projects and funds reports, oldest first (`order=newest`: newest first);
    `can_review` is false for records this clerk may not review."""
    items, counts, next_cursor = service.queue(session, principal, **asdict(query))
    return QueuePublic(data=items, counts=counts, next_cursor=next_cursor)


@router.get("/queue/by-unit", response_model=QueueUnitsPublic)
def get_verification_queue_by_unit(session: SessionDep, _: Office,
                                   record_type: Annotated[RecordType | None, Query()] = None) -> QueueUnitsPublic:
    """How many records of each type every unit has awaiting verification, busiest unit first."""
    return QueueUnitsPublic(data=[QueueUnit(unit_id=u, unit_name=n, counts=c, total=sum(c.values()))
                                  for u, n, c in service.by_unit(session, record_type=record_type)])


@router.get("/queue/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_verification_queue(session: SessionDep, principal: Office, filters: Filters) -> Response:
    """The whole queue for the same filters, oldest first, as an Excel workbook (at most 50,000 rows)."""
    def fetch(cursor: str | None, limit: int, with_total: bool | CountTo) -> Page[QueueItem]:
        items, counts, next_cursor = service.queue(session, principal, **asdict(filters), cursor=cursor,
                                                   limit=limit)
        return Page(items=items, next_cursor=next_cursor, total=sum(counts.values()) if with_total else None)

    return exports.workbook(session, principal, xlsx.keyset_batches(fetch, list))


@router.post("/bulk", response_model=BulkResult)
def bulk_verify(data: BulkRequest, session: SessionDep, principal: Office, idem: IdempotencyDep) -> Response:
    """Verify or return many records at once. All or nothing: one stale or ineligible item stops the batch."""
    results = service.bulk(session, principal, data)
    return idem.respond(BulkResult(action=data.action, data=results), 200)
