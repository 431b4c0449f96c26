"""Type names shared by the query helpers."""

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Mapped, QueryableAttribute

T = TypeVar("T")

AnySelect = Select[*tuple[Any, ...]]  # a select of any columns (a model, or several columns)


def attribute(column: Mapped[T]) -> QueryableAttribute[T]:
    """A model's column attribute (what `sqlmodel.col` gives) as the ORM attribute it is at run time."""
    if not isinstance(column, QueryableAttribute):
        raise TypeError(f"not a mapped column attribute: {column!r}")
    return column
