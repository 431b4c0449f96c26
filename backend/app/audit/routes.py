from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Mapped
from sqlmodel import col

from app.audit import exports, queries
from app.audit.models import AuditEvent
from app.audit.schemas import AuditEventsPublic, ChainReport
from app.audit.service import verify_chain
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import xlsx
from app.core.deps import SessionDep
from app.core.errors import AppError
from app.core.schemas import Id

router = APIRouter(prefix="/api/v1/audit-events", tags=["audit"])
Auditor = Annotated[Principal, allow(Action.audit_read)]


@dataclass
class AuditFilters:
    """The filters of the audit log, shared by the list and its export."""

    entity: Annotated[str | None, Query(max_length=50)] = None
    entity_id: Annotated[str | None, Query(max_length=64)] = None
    actor_type: Literal["user", "client", "system"] | None = None
    actor_id: Id | None = None
    actor_name: Annotated[str | None, Query(max_length=100, description="操作人登录名")] = None
    action: Annotated[str | None, Query(max_length=30, description="操作，如 create、update、delete、verify")] = None
    unit_id: Id | None = None
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        pairs: tuple[tuple[Mapped[Any], Any], ...] = (
            (col(AuditEvent.entity), self.entity), (col(AuditEvent.entity_id), self.entity_id),
            (col(AuditEvent.actor_type), self.actor_type), (col(AuditEvent.actor_id), self.actor_id),
            (col(AuditEvent.unit_id), self.unit_id), (col(AuditEvent.actor_name), self.actor_name),
            (col(AuditEvent.action), self.action))
        out = [column == value for column, value in pairs if value is not None]
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None and value.tzinfo is None:
                raise AppError(f"{name} 需要带时区", status=422, code="validation-error")
        if self.since is not None:
            out.append(col(AuditEvent.at) >= self.since)
        if self.until is not None:
            out.append(col(AuditEvent.at) < self.until)
        return out


@dataclass
class AuditQuery(AuditFilters):
    """The log's filters, then its paging."""

    cursor: queries.Cursor = None
    limit: queries.Limit = 50


Filters = Annotated[AuditFilters, Depends()]


@router.get("", response_model=AuditEventsPublic)
def list_audit_events(session: SessionDep, _: Auditor, query: Annotated[AuditQuery, Depends()]) -> AuditEventsPublic:
    """Newest first. The cursor is the id of the last row seen, so paging stays stable while rows arrive."""
    return queries.page(session, query.conditions(), cursor=query.cursor, limit=query.limit)


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_audit_events(session: SessionDep, principal: Auditor, filters: Filters) -> Response:
    """The audit log for the same filters as the list, newest first, as an Excel workbook (at most 50,000
    rows; more is 422 — narrow the filters, e.g. the period)."""
    conditions = filters.conditions()
    rows = xlsx.counted(queries.count(session, conditions), queries.all_pages(session, conditions))
    return exports.workbook(session, principal, rows)


@router.get("/verify", response_model=ChainReport)
def verify_audit_chain(session: SessionDep, _: Auditor) -> ChainReport:
    checked, problems = verify_chain(session.connection())
    return ChainReport(checked=checked, ok=not problems, problems=problems[:100])
