"""What the kinds' list filters word alike: sort keys named like columns, the `sort` query parameter that names
them, the unit, text, date and amount filters, a filter through a child table. Each kind's filters dataclass
picks its bases from these, and its `where` is a `ColumnFilters` naming the columns they apply to (see
`RecordKind.filters`)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from sqlalchemy import or_
from sqlmodel import Session, SQLModel, col, select

from app.core import search
from app.core.filters import where_between, where_equal
from app.core.typing import AnySelect
from app.records.schemas import DateFrom, DateTo, SearchText, UnitFilter

S = TypeVar("S", bound=AnySelect)
F = TypeVar("F")
Where = Callable[[Session, AnySelect, F], AnySelect]  # a kind's filters, applied to a select of its model

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


def linked_to(name: str, id_column: Any, link_id_column: Any, link_column: Any) -> Where[Any]:
    """The filter `name`, through a child table (`where_linked`)."""
    def where(_: Session, stmt: AnySelect, f: object) -> AnySelect:
        return where_linked(stmt, id_column, link_id_column, link_column, getattr(f, name))
    return where


def between(column: Any, low: str, high: str) -> Where[Any]:
    """A range: the filters `low` and `high` on `column`, both included (`DateRange` and `AmountRange` through
    `ColumnFilters`, or a range of the kind's own: a signing date, a month)."""
    def where(_: Session, stmt: AnySelect, f: object) -> AnySelect:
        return where_between(stmt, col(column), getattr(f, low), getattr(f, high))
    return where


def where_same(stmt: AnySelect, model: type[SQLModel], filters: object, names: Iterable[str]) -> AnySelect:
    """`column = value` for each given filter named like the model's column (`unit_id`, `status`, …)."""
    return where_equal(stmt, ((getattr(model, name), getattr(filters, name)) for name in names))


def texts_containing(*columns: Any) -> Where[Any]:
    """The text search `q` over the record's own columns (`UnitAndText`)."""
    def where(_: Session, stmt: AnySelect, f: UnitAndText) -> AnySelect:
        return stmt.where(or_(*(search.contains(c, f.q) for c in columns))) if f.q else stmt
    return where


@dataclass(frozen=True)
class ColumnFilters(Generic[F]):
    """A kind's `where`, declared: the filters named like a column (`same`), the shared ranges of the filters'
    bases applied to the kind's date and amount columns, then the kind's own filters (`more`: an enterprise, a
    child table, the text search) in order."""

    model: type[SQLModel]
    same: Sequence[str]
    dates: Any = None  # `DateRange`'s column
    amounts: Any = None  # `AmountRange`'s column
    more: Sequence[Where[F]] = ()

    def __call__(self, session: Session, stmt: AnySelect, f: F) -> AnySelect:
        stmt = where_same(stmt, self.model, f, self.same)
        if self.dates is not None:
            stmt = between(self.dates, "date_from", "date_to")(session, stmt, f)
        if self.amounts is not None:
            stmt = between(self.amounts, "amount_min", "amount_max")(session, stmt, f)
        for where in self.more:
            stmt = where(session, stmt, f)
        return stmt
