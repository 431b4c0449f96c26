"""Keyset pagination with an opaque cursor and a sort allow-list.

The cursor carries the sort and the last row's (sort value, id), so a page never skips or repeats rows
while others are being added. Sort columns must be NOT NULL.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session

from app.core.errors import Unprocessable

T = TypeVar("T")
MAX_PAGE = 200  # what a client may ask for (records.schemas.Limit)
MAX_BATCH = 1000  # what server code may read per call (the Excel exports page through a list in batches)
BAD_CURSOR = "分页游标无效，请从第一页重新查询"


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
    total: int | None


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(cursor: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable(BAD_CURSOR, errors=[{"field": "cursor", "message": "无效"}]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("id"), int) or "s" not in data:
        raise Unprocessable(BAD_CURSOR, errors=[{"field": "cursor", "message": "无效"}])
    return data


def _parse_value(column: InstrumentedAttribute, raw: Any) -> Any:
    python_type = column.type.python_type
    try:
        if python_type is datetime:
            return datetime.fromisoformat(raw)
        if python_type is date:
            return date.fromisoformat(raw)
        if python_type is Decimal:
            return Decimal(raw)
        if python_type is int:
            return int(raw)
        return str(raw)
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise Unprocessable("分页游标无效", errors=[{"field": "cursor", "message": "无效"}]) from exc


def parse_sort(sort: str, allowed: dict[str, InstrumentedAttribute]) -> tuple[str, InstrumentedAttribute, bool]:
    name = sort.removeprefix("-")
    if name not in allowed:
        raise Unprocessable(f"不支持按 {name} 排序，可选：{', '.join(sorted(allowed))}",
                            errors=[{"field": "sort", "message": f"可选：{', '.join(sorted(allowed))}"}])
    return name, allowed[name], sort.startswith("-")


def keyset_page(
    session: Session,
    stmt: Select,
    *,
    id_column: InstrumentedAttribute,
    sort: str,
    allowed: dict[str, InstrumentedAttribute],
    cursor: str | None,
    limit: int,
    with_total: bool = False,
) -> Page[Any]:
    name, column, descending = parse_sort(sort, allowed)
    total = None
    if with_total:
        total = session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    if cursor:
        data = _decode(cursor)
        if data["s"] != sort:
            raise Unprocessable("分页游标与排序方式不一致，请从第一页重新查询",
                                errors=[{"field": "cursor", "message": "与排序不一致"}])
        value = _parse_value(column, data["v"])
        after = (column < value) if descending else (column > value)
        tie = (id_column < data["id"]) if descending else (id_column > data["id"])
        stmt = stmt.where(or_(after, and_(column == value, tie)))
    order = [column.desc(), id_column.desc()] if descending else [column.asc(), id_column.asc()]
    limit = min(limit, MAX_BATCH)  # one bound for the query and for `more`, so a page never drops a row
    rows = list(session.execute(stmt.order_by(*order).limit(limit + 1)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode({"s": sort, "v": getattr(last, name), "id": getattr(last, id_column.key)})
    return Page(items=rows, next_cursor=next_cursor, total=total)
