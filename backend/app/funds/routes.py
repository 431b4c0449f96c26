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
from app.funds import exports, service
from app.funds.models import FundsReport
from app.funds.schemas import (
    FundsReportCreate,
    FundsReportPublic,
    FundsReportsPublic,
    FundsReportUpdate,
    PeriodQuery,
)
from app.idempotency.service import IdempotencyDep
from app.records.models import Status
from app.records.routes import add_draft_delete
from app.records.schemas import Paging, TransitionRequest, UnitFilter

router = APIRouter(prefix="/api/funds-reports", tags=["funds"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Transitioner = Annotated[Principal, allow(Action.records_transition)]


@dataclass
class FundsReportFilters:
    """The list's filters and sort, shared by the list and its export."""

    project_id: Id | None = None
    unit_id: UnitFilter = None
    status: Status | None = None
    period_from: PeriodQuery = None
    period_to: PeriodQuery = None
    sort: Annotated[str, Query(max_length=20, description="period / created_at / id，前加 - 为倒序")] = "-period"


@dataclass
class FundsReportQuery(Paging, FundsReportFilters):
    """The list's filters, then its paging."""


Filters = Annotated[FundsReportFilters, Depends()]


@router.get("", response_model=FundsReportsPublic)
def list_funds_reports(session: SessionDep, principal: Reader,
                       query: Annotated[FundsReportQuery, Depends()]) -> FundsReportsPublic:
    """Reports the caller may see: its own unit's, and those on projects it owns, lands or is credited with.
    `unit_id` is the reporting unit; `period_from/to` take "2019-05" or a date (its month, inclusive)."""
    page = service.list_reports(session, principal, **asdict(query))
    return FundsReportsPublic(data=service.to_public(session, page.items), **page.meta())


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_funds_reports(session: SessionDep, principal: Reader, filters: Filters) -> Response:
    """Every report the list shows for the same filters, in the same order, as an Excel workbook (at most
    50,000 rows; more is 422 — narrow the filters)."""
    rows = xlsx.keyset_batches(
        lambda cursor, limit, with_total: service.list_reports(session, principal, **asdict(filters), cursor=cursor,
                                                               limit=limit, with_total=with_total),
        lambda items: service.to_public(session, items))
    return exports.workbook(session, principal, rows)


@router.post("", response_model=FundsReportPublic, status_code=201)
def create_funds_report(data: FundsReportCreate, session: SessionDep, principal: Writer,
                        idem: IdempotencyDep) -> Response:
    """One report per project per month (409 for a second); period "2019-05" or any date of the month. Refused
    (422 funds-over-total) when the running total — all the project's reports except returned ones — would
    pass the total investment, unless the office recorded an override on the project."""
    report = service.create(session, principal, data)
    return idem.respond(service.to_public(session, [report])[0], 201, {"ETag": f'"{report.version}"'})


@router.get("/{report_id}", response_model=FundsReportPublic)
def get_funds_report(report_id: IdPath, session: SessionDep, principal: Reader,
                     response: Response) -> FundsReportPublic:
    report = service.get(session, principal, report_id)
    set_etag(response, report)
    return service.to_public(session, [report])[0]


@router.patch("/{report_id}", response_model=FundsReportPublic,
              responses={412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}})
def update_funds_report(report_id: IdPath, data: FundsReportUpdate, request: Request, response: Response,
                        session: SessionDep, principal: Writer) -> FundsReportPublic:
    """Period, amount or note of a draft or returned report, by its unit; same checks as on create."""
    report = service.get(session, principal, report_id, for_update=True)
    require_if_match(request, report)
    report = service.update(session, principal, report, data)
    set_etag(response, report)
    return service.to_public(session, [report])[0]


@router.post("/{report_id}/transitions", response_model=FundsReportPublic)
def transition_funds_report(report_id: IdPath, data: TransitionRequest, session: SessionDep,
                            principal: Transitioner, idem: IdempotencyDep) -> Response:
    """submit / withdraw (the reporting unit; resubmitting a returned report checks the total again);
    verify / return / reopen (the office, never for its own records)."""
    report = service.get(session, principal, report_id, for_update=True)
    report = service.transition(session, principal, report, data.action, data.reason)
    return idem.respond(service.to_public(session, [report])[0], 200, {"ETag": f'"{report.version}"'})


@router.get("/{report_id}/history", response_model=AuditEventsPublic)
def get_funds_report_history(report_id: IdPath, session: SessionDep, principal: Reader, cursor: audit.Cursor = None,
                             limit: audit.Limit = 50) -> AuditEventsPublic:
    """Who changed the report, when, and the values before and after, newest first (see `record_history`)."""
    report = service.get(session, principal, report_id)
    return audit.record_history(session, principal, report, cursor=cursor, limit=limit)


add_draft_delete(router, FundsReport, "report_id", "funds report")
