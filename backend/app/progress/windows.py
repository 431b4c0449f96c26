"""Date windows: what part of the plan a figure covers, and how much of its time has passed."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from app.targets.models import Period, TargetSet


@dataclass(frozen=True)
class Window:
    start: date  # first day counted
    end: date  # last day counted (the as-of date, or the window's end)
    full_end: date  # last day of the whole period, for time elapsed

    @cached_property
    def elapsed(self) -> Decimal:
        total = (self.full_end - self.start).days + 1
        done = min(max((self.end - self.start).days + 1, 0), total)
        return (Decimal(done) / Decimal(total)).quantize(Decimal("0.0001"))

    @property
    def finished(self) -> bool:
        return self.end >= self.full_end


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def window_for(period: str, target_set: TargetSet, year: int, as_of: date, quarter: int | None) -> Window:
    """The window a target of `period` covers when progress is read as of `as_of` (within `year`)."""
    if period == Period.quarter:
        start, end = quarter_bounds(year, quarter or ((as_of.month - 1) // 3 + 1))
    elif period == Period.plan:
        start, end = target_set.start_date, target_set.end_date
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
    start = max(start, target_set.start_date)
    return Window(start=start, end=min(as_of, end), full_end=end)
