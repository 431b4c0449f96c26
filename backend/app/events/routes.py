"""The events API: the shared record routes, served from the kind's definition."""

from app.events.kind import EVENTS
from app.records.router import record_router

router = record_router(EVENTS)
