"""What the kinds' list filters word alike: sort keys named like columns, the `sort` query parameter that names
them, the amount range in 万元, a filter through a child table. Each kind's filters dataclass and `where` pick
from these (see `RecordKind.filters`)."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from fastapi import Query
from sqlmodel import SQLModel, col, select

from app.core.typing import AnySelect
from app.records.schemas import DateFrom, DateTo, SearchText, UnitFilter

S = TypeVar("S", bound=AnySelect)

AmountFilter = Annotated[Decimal | None, Query(ge=0, le=Decimal("99999999999999.99"), description="万元")]


@dataclass
class UnitAndText:
    """Every unit-owned kind's list: the owner unit and a text search (what `q` searches is the kind's). A kind's
    filters list the shared pieces last among their bases, so their fields come first (unit, text, dates)."""

    unit_id: UnitFilter = None
    q: SearchText = None


@dataclass
class DateRange:
    """From and to the kind's own date (a visit's date, an event's, a lead's receipt), both included."""

    date_from: DateFrom = None
    date_to: DateTo = None


@dataclass
class AmountRange:
    """An amount in 万元 between two bounds, both included."""

    amount_min: AmountFilter = None
    amount_max: AmountFilter = None


def sort_columns(model: type[SQLModel], *names: str) -> dict[str, Any]:
    """Sort key → column, for keys named like the model's columns (the list offers them in this order)."""
    return {name: col(getattr(model, name)) for name in names}


def sort_query(sorts: Mapping[str, Any], *, descending_hint: bool = False) -> Any:
    """The `sort` query parameter, describing the keys offered (`-key` sorts descending)."""
    return Query(max_length=30, description=" / ".join(sorts) + ("，前加 - 为倒序" if descending_hint else ""))


def where_linked(stmt: S, id_column: Any, link_id_column: Any, link_column: Any, value: Any) -> S:
    """Rows linked through a child table to `value` when given (an event's enterprises, a project's credited
    units): `id IN (SELECT link_id FROM child WHERE link_column = value)`."""
    if value is None:
        return stmt
    return stmt.where(col(id_column).in_(select(link_id_column).where(link_column == value)))
