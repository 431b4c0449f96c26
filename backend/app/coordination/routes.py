"""项目协调 over HTTP: items and their steps, and the quarterly meeting list (JSON, .xlsx, PDF).

The step routes load the item `FOR UPDATE` (two clerks cannot both pass the status check) and answer with its
`ETag` (its version), like a record's transitions; they do not require `If-Match`: each step checks the status it
starts from (409 `coordination-step` otherwise)."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlmodel import Session

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.coordination import meeting, service
from app.coordination.models import CoordinationItem, CoordinationStatus
from app.coordination.schemas import (
    CoordinationAssign,
    CoordinationClose,
    CoordinationEscalate,
    CoordinationItemCreate,
    CoordinationItemPublic,
    CoordinationItemsPublic,
    CoordinationReplyCreate,
    MeetingListPublic,
)
from app.core.config import get_settings
from app.core.deps import SessionDep
from app.core.downloads import PDF, XLSX, attachment, binary
from app.core.etag import etag_of, set_etag
from app.core.schemas import MONEY_MAX, Id, IdPath
from app.core.time import city_today
from app.idempotency.service import Idempotency, IdempotencyDep
from app.quarters import report, report_pdf
from app.records.schemas import Cursor, Limit

router = APIRouter(prefix="/api/v1", tags=["coordination"])
Reader = Annotated[Principal, allow(Action.coordination_read)]
Raiser = Annotated[Principal, allow(Action.coordination_raise)]
Answerer = Annotated[Principal, allow(Action.coordination_answer)]
Office = Annotated[Principal, allow(Action.coordination_manage)]
THRESHOLD = "重大项目的总投资门槛（万元）；缺省按系统设置（1 亿元）"
MeetingReader = Annotated[Principal, allow(Action.coordination_meeting)]


def today() -> date:
    """The city's date: what "overdue" and "days open" count from (a test freezes it by overriding this)."""
    return city_today()


Today = Annotated[date, Depends(today)]
ItemPath = IdPath


def _public(session: Session, item: CoordinationItem, day: date) -> CoordinationItemPublic:
    return service.to_public(session, [item], day)[0]


def _step_answer(session: Session, item: CoordinationItem, day: date, idem: Idempotency) -> Response:
    return idem.respond(_public(session, item, day), 200, {"ETag": etag_of(item)})


@router.get("/coordination-items", response_model=CoordinationItemsPublic)
def list_coordination_items(
    session: SessionDep, principal: Reader, day: Today,
    status: Annotated[CoordinationStatus | None, Query(description="状态")] = None,
    project_id: Annotated[Id | None, Query(description="项目")] = None,
    overdue: Annotated[bool | None, Query(description="true 只看超期未办结的，false 只看未超期的")] = None,
    assignee_unit_id: Annotated[Id | None, Query(description="责任单位")] = None,
    cursor: Cursor = None, limit: Limit = 50,
) -> CoordinationItemsPublic:
    """Newest first; a unit sees the items it raised or that are assigned to it, the city-wide roles all."""
    page = service.list_items(session, principal, service.ItemFilters(status, project_id, overdue, assignee_unit_id),
                              day, cursor=cursor, limit=limit)
    return CoordinationItemsPublic(data=service.to_public(session, page.items, day), **page.meta())


@router.post("/coordination-items", response_model=CoordinationItemPublic, status_code=201)
def create_coordination_item(data: CoordinationItemCreate, session: SessionDep, principal: Raiser, day: Today,
                             idem: IdempotencyDep) -> Response:
    """Raised by a unit that lands the project or holds a credit share in it (the office: any project)."""
    item = service.raise_item(session, principal, data)
    return idem.respond(_public(session, item, day), 201, {"ETag": etag_of(item)})


@router.get("/coordination-items/{item_id}", response_model=CoordinationItemPublic)
def get_coordination_item(item_id: ItemPath, session: SessionDep, principal: Reader, day: Today,
                          response: Response) -> CoordinationItemPublic:
    item = service.get_item(session, principal, item_id)
    set_etag(response, item)
    return _public(session, item, day)


@router.post("/coordination-items/{item_id}/assign", response_model=CoordinationItemPublic)
def assign_coordination_item(item_id: ItemPath, data: CoordinationAssign, session: SessionDep, principal: Office,
                             day: Today, idem: IdempotencyDep) -> Response:
    """The office names the responsible unit and the due date (again to reassign)."""
    item = service.assign(session, principal, service.get_item(session, principal, item_id, for_update=True), data,
                          day)
    return _step_answer(session, item, day, idem)


@router.post("/coordination-items/{item_id}/replies", response_model=CoordinationItemPublic)
def reply_coordination_item(item_id: ItemPath, data: CoordinationReplyCreate, session: SessionDep,
                            principal: Answerer, day: Today, idem: IdempotencyDep) -> Response:
    """The responsible unit answers and says how far it got."""
    item = service.reply(session, principal, service.get_item(session, principal, item_id, for_update=True), data)
    return _step_answer(session, item, day, idem)


@router.post("/coordination-items/{item_id}/escalate", response_model=CoordinationItemPublic)
def escalate_coordination_item(item_id: ItemPath, data: CoordinationEscalate, session: SessionDep,
                               principal: Office, day: Today, idem: IdempotencyDep) -> Response:
    """To the leading group's meeting of a quarter (this one or later)."""
    item = service.escalate(session, principal, service.get_item(session, principal, item_id, for_update=True),
                            data, day)
    return _step_answer(session, item, day, idem)


@router.post("/coordination-items/{item_id}/close", response_model=CoordinationItemPublic)
def close_coordination_item(item_id: ItemPath, data: CoordinationClose, session: SessionDep, principal: Office,
                            day: Today, idem: IdempotencyDep) -> Response:
    item = service.close(session, principal, service.get_item(session, principal, item_id, for_update=True), data)
    return _step_answer(session, item, day, idem)


# ---- the quarterly meeting list ------------------------------------------------------------------------------

def _meeting(session: SessionDep, day: Today,
             year: Annotated[int | None, Query(ge=2000, le=2100, description="会议年份；缺省为本季度")] = None,
             quarter: Annotated[int | None, Query(ge=1, le=4, description="会议季度；缺省为本季度")] = None,
             min_investment: Annotated[Decimal | None, Query(ge=0, le=MONEY_MAX, max_digits=16, decimal_places=2,
                                                             description=THRESHOLD)] = None,
             ) -> MeetingListPublic:
    this_year, this_quarter = meeting.current_quarter(day)
    threshold = get_settings().coordination_major_investment if min_investment is None else min_investment
    return meeting.build(session, year or this_year, quarter or this_quarter, threshold, day)


MeetingList = Annotated[MeetingListPublic, Depends(_meeting)]


def _download(body: bytes, media_type: str, listing: MeetingListPublic, ext: str) -> Response:
    return attachment(body, media_type, f"meeting-list-{listing.year}Q{listing.quarter}.{ext}")


@router.get("/coordination/meeting-list", response_model=MeetingListPublic)
def get_meeting_list(_: MeetingReader, listing: MeetingList) -> MeetingListPublic:
    """Major projects (by total investment and stage) with their open items, owners and days open, and any project
    with an item escalated to this quarter's meeting."""
    return listing


@router.get("/coordination/meeting-list.xlsx", response_class=Response,
            responses=binary(XLSX, "季度会议协调事项清单 Excel（A4 横向打印设置）"))
def export_meeting_list_xlsx(_: MeetingReader, listing: MeetingList) -> Response:
    return _download(report.workbook(meeting.report(listing)), XLSX, listing, "xlsx")


@router.get("/coordination/meeting-list.pdf", response_class=Response,
            responses=binary(PDF, "季度会议协调事项清单 PDF（服务器生成，中文字体内嵌）"))
def export_meeting_list_pdf(_: MeetingReader, listing: MeetingList) -> Response:
    return _download(report_pdf.render(meeting.report(listing, clip=meeting.PDF_CLIP)), PDF, listing, "pdf")
