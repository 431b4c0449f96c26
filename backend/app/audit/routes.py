from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlmodel import select

from app.audit.models import AuditEvent
from app.audit.schemas import AuditEventsPublic, ChainReport
from app.audit.service import verify_chain
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.errors import AppError
from app.core.schemas import Id

router = APIRouter(prefix="/api/audit-events", tags=["audit"])
Auditor = Annotated[Principal, allow(Action.audit_read)]


@router.get("", response_model=AuditEventsPublic)
def list_audit_events(
    session: SessionDep,
    _: Auditor,
    entity: Annotated[str | None, Query(max_length=50)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    actor_type: Literal["user", "client", "system"] | None = None,
    actor_id: Id | None = None,
    unit_id: Id | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: Annotated[str | None, Query(max_length=20, description="上一页返回的 next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AuditEventsPublic:
    """Newest first. The cursor is the id of the last row seen, so paging stays stable while rows arrive."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit + 1)
    for column, value in ((AuditEvent.entity, entity), (AuditEvent.entity_id, entity_id),
                          (AuditEvent.actor_type, actor_type), (AuditEvent.actor_id, actor_id),
                          (AuditEvent.unit_id, unit_id)):
        if value is not None:
            stmt = stmt.where(column == value)
    if since is not None:
        if since.tzinfo is None:
            raise AppError("since 需要带时区", status=422, code="validation-error")
        stmt = stmt.where(AuditEvent.at >= since)
    if until is not None:
        if until.tzinfo is None:
            raise AppError("until 需要带时区", status=422, code="validation-error")
        stmt = stmt.where(AuditEvent.at < until)
    if cursor is not None:
        if not cursor.isdigit():
            raise AppError("cursor 无效", status=422, code="validation-error")
        stmt = stmt.where(AuditEvent.id < int(cursor))
    rows = list(session.exec(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    return AuditEventsPublic.model_validate({"data": rows, "next_cursor": str(rows[-1].id) if more else None})


@router.get("/verify", response_model=ChainReport)
def verify_audit_chain(session: SessionDep, _: Auditor) -> ChainReport:
    checked, problems = verify_chain(session.connection())
    return ChainReport(checked=checked, ok=not problems, problems=problems[:100])
