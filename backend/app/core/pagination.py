"""Keyset pagination with an opaque cursor and a sort allow-list.

The cursor carries the sort and the last row's (sort value, id), so a page never skips or repeats rows
while others are being added. The next page is `(sort, id) > (v, x)` written as a row value — the form the
planner turns into one index range on (…, sort, id), so page 500 costs what page 1 costs — plus the
redundant bound `sort >= v`, which lets a planner that does not match row values still start at `v`.
Sort columns must be NOT NULL.

A total is counted only up to a cap: past it the answer says "more than `total`" (`total_is_estimate`), so
asking for the total of a city-wide list does not scan every row of the city.
"""

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, func, literal, select, tuple_
from sqlalchemy.orm import Mapped, QueryableAttribute
from sqlmodel import Session

from app.core.errors import Unprocessable
from app.core.typing import AnySelect, attribute

T = TypeVar("T")
MAX_PAGE = 200  # what a client may ask for (records.schemas.Limit)
MAX_BATCH = 1000  # what server code may read per call (the Excel exports page through a list in batches)
TOTAL_CAP = 10_000  # a list's `total` is exact up to here; beyond, it is this with `total_is_estimate`
BAD_CURSOR = "分页游标无效，请从第一页重新查询"
MAX_DECIMAL = Decimal(10) ** 14  # NUMERIC(16, 2): larger cannot be a stored value, and would not bind


@dataclass(frozen=True)
class CountTo:
    """How far a total is counted: `cap` rows, or every row (None; an export must know whether it is too big)."""

    cap: int | None


EXACT = CountTo(None)


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
    total: int | None
    total_is_estimate: bool = False

    def meta(self) -> dict[str, Any]:
        """The paging fields of a list's answer (`records.schemas.ListMeta`)."""
        return {"next_cursor": self.next_cursor, "total": self.total, "total_is_estimate": self.total_is_estimate}


def _bad_cursor(message: str = BAD_CURSOR, reason: str = "无效") -> Unprocessable:
    return Unprocessable(message, errors=[{"field": "cursor", "message": reason}])


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(cursor: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise _bad_cursor() from exc
    if not isinstance(data, dict) or type(data.get("id")) is not int or "s" not in data:
        raise _bad_cursor()
    try:
        _checked_int(data["id"])
    except ValueError as exc:
        raise _bad_cursor() from exc
    return data


def _parse_value(column: QueryableAttribute[Any], raw: Any) -> Any:
    """The cursor's sort value, checked so that binding it cannot fail: a forged cursor is a 422, never a 500."""
    python_type = column.type.python_type
    value: Any
    try:
        if python_type is datetime:
            value = datetime.fromisoformat(raw)
            if value.tzinfo is None:
                raise ValueError(raw)
        elif python_type is date:
            value = date.fromisoformat(raw)
        elif python_type is Decimal:
            value = Decimal(raw)
            if not value.is_finite() or abs(value) >= MAX_DECIMAL:
                raise ValueError(raw)
        elif python_type is int:
            value = _checked_int(int(raw))
        else:
            value = str(raw)
            if "\x00" in value or len(value) > 1000:
                raise ValueError("text")
        return value
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise _bad_cursor() from exc


def _checked_int(value: int) -> int:
    if not -(2**63) <= value < 2**63:
        raise ValueError(value)
    return value


def parse_sort(sort: str, allowed: Mapping[str, Mapped[Any]]) -> tuple[str, QueryableAttribute[Any], bool]:
    name = sort.removeprefix("-")
    if name not in allowed:
        raise Unprocessable(f"不支持按 {name} 排序，可选：{', '.join(sorted(allowed))}",
                            errors=[{"field": "sort", "message": f"可选：{', '.join(sorted(allowed))}"}])
    return name, attribute(allowed[name]), sort.startswith("-")


def after(column: ColumnElement[Any] | QueryableAttribute[Any], id_column: ColumnElement[Any] | QueryableAttribute[Any],
          value: Any, last_id: int, *, descending: bool = False) -> ColumnElement[bool]:
    """Rows after (value, last_id) in (column, id) order: `(column, id) > (v, x)` (`<` descending), and the
    redundant `column >= v` (`<=`). Values are bound with the columns' own types (money is an integer on
    SQLite, times are UTC text)."""
    key = tuple_(column, id_column)
    bound = tuple_(literal(value, column.type), literal(last_id, id_column.type))
    if column is id_column:
        return id_column < last_id if descending else id_column > last_id
    if descending:
        return and_(column <= literal(value, column.type), key < bound)
    return and_(column >= literal(value, column.type), key > bound)


def count_up_to(session: Session, stmt: AnySelect, cap: int | None) -> tuple[int, bool]:
    """(rows, whether there are more than that): counts at most `cap` + 1 rows, or every row for None."""
    stmt = stmt.order_by(None)
    if cap is None:
        return session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one(), False
    seen = session.execute(select(func.count()).select_from(stmt.limit(cap + 1).subquery())).scalar_one()
    return min(seen, cap), seen > cap


def keyset_page(
    session: Session,
    stmt: AnySelect,
    *,
    id_column: Mapped[Any],
    sort: str,
    allowed: Mapping[str, Mapped[Any]],
    cursor: str | None,
    limit: int,
    with_total: bool | CountTo = False,
) -> Page[Any]:
    """One page of `stmt` in (sort, id) order; `with_total` counts up to `TOTAL_CAP` (or as a `CountTo` says)."""
    name, column, descending = parse_sort(sort, allowed)
    id_attribute = attribute(id_column)
    total, estimate = None, False
    if with_total:
        cap = with_total.cap if isinstance(with_total, CountTo) else TOTAL_CAP
        total, estimate = count_up_to(session, stmt, cap)
    if cursor:
        data = _decode(cursor)
        if data["s"] != sort:
            raise _bad_cursor("分页游标与排序方式不一致，请从第一页重新查询", "与排序不一致")
        stmt = stmt.where(after(column, id_attribute, _parse_value(column, data.get("v")), data["id"],
                                descending=descending))
    order = [column.desc(), id_attribute.desc()] if descending else [column.asc(), id_attribute.asc()]
    limit = min(limit, MAX_BATCH)  # one bound for the query and for `more`, so a page never drops a row
    rows = list(session.execute(stmt.order_by(*order).limit(limit + 1)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode({"s": sort, "v": getattr(last, name), "id": getattr(last, id_attribute.key)})
    return Page(items=rows, next_cursor=next_cursor, total=total, total_is_estimate=estimate)
