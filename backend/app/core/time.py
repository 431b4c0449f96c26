"""UTC everywhere: the database stores UTC, the API speaks ISO 8601 with offset."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
