"""The visits API: the shared record routes, served from the kind's definition."""

from app.records.router import record_router
from app.visits.kind import VISITS

router = record_router(VISITS)
