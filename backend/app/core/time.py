"""UTC everywhere: the database stores UTC, the API speaks ISO 8601 with offset."""

from datetime import UTC, date, datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(UTC)


CITY_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")  # Liaocheng: UTC+8, no daylight saving


def city_today() -> date:
    """Today in the city: what staff mean by "today" when they date a record."""
    return datetime.now(CITY_TZ).date()
