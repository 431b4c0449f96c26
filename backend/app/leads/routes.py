"""The leads API: the shared record routes, served from the kind's definition."""

from app.leads.kind import LEADS
from app.records.router import record_router

router = record_router(LEADS)
