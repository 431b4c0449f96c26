"""Funds reports as a record kind: their filters and sorts, the running-total check on resubmission, and the
definition the shared router serves."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query
from sqlmodel import col

from app.core.schemas import Id
from app.funds import exports, service
from app.funds.models import FundsReport
from app.funds.schemas import FundsReportCreate, FundsReportPublic, FundsReportsPublic, FundsReportUpdate, PeriodQuery
from app.funds.visibility import visible
from app.records.filters import ColumnFilters, between
from app.records.kind import RecordKind
from app.records.models import Status
from app.records.schemas import UnitFilter

SORTS = {"period": col(FundsReport.period), "created_at": col(FundsReport.created_at), "id": col(FundsReport.id)}


@dataclass
class FundsReportFilters:
    """The list's filters and sort, shared by the list and its export."""

    project_id: Id | None = None
    unit_id: UnitFilter = None
    status: Status | None = None
    period_from: PeriodQuery = None
    period_to: PeriodQuery = None
    sort: Annotated[str, Query(max_length=20, description="period / created_at / id，前加 - 为倒序")] = "-period"


FUNDS_REPORTS = RecordKind(
    create_flushes_later=True,  # an import may flush many new rows at once
    name="funds_report", tag="funds", param="report_id",
    noun="report", model=FundsReport, create_schema=FundsReportCreate, update_schema=FundsReportUpdate,
    public_schema=FundsReportPublic, list_schema=FundsReportsPublic, filters=FundsReportFilters, visible=visible,
    where=ColumnFilters(FundsReport, ("project_id", "unit_id", "status"),
                        more=[between(FundsReport.period, "period_from", "period_to")]),
    sorts=SORTS, create=service.create, update=service.update, to_public=service.to_public,
    export=exports.SHEET, before_transition=service.before_transition,
    docs={
        "list": """Reports the caller may see: its own unit's, and those on projects it owns, lands or is credited with.
        `unit_id` is the reporting unit; `period_from/to` take "2019-05" or a date (its month, inclusive).""",
        "create": 'One report per project per month (409 for a second); period "2019-05" or any date of the month. '
                  "Refused\n(422 funds-over-total) when the running total — all the project's reports except returned "
                  "ones — would\npass the total investment, unless the office recorded an override on the project.",
        "update": "Period, amount or note of a draft or returned report, by its unit; same checks as on create.",
        "transition": """submit / withdraw (the reporting unit; resubmitting a returned report checks the total again);
        verify / return / reopen (the office, never for its own records).""",
        "history": "Who changed the report, when, and the values before and after, newest first (see "
                   "`record_history`).",
    },
    responses={"update": {412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}}},
)
