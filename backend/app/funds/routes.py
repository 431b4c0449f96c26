"""The funds reports API: the shared record routes, served from the kind's definition."""

from app.funds.kind import FUNDS_REPORTS
from app.records.router import record_router

router = record_router(FUNDS_REPORTS)
