"""Small helpers for typed list filters: equality on given values, inclusive ranges."""

from collections.abc import Iterable
from typing import Any, TypeVar

from app.core.typing import AnySelect

S = TypeVar("S", bound=AnySelect)


def where_equal(stmt: S, pairs: Iterable[tuple[Any, Any]]) -> S:
    """Adds `column == value` for every pair whose value was given (not None)."""
    for column, value in pairs:
        if value is not None:
            stmt = stmt.where(column == value)
    return stmt


def where_between(stmt: S, column: Any, low: Any, high: Any) -> S:
    """Inclusive range; either end may be open (None)."""
    if low is not None:
        stmt = stmt.where(column >= low)
    if high is not None:
        stmt = stmt.where(column <= high)
    return stmt
