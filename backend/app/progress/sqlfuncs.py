"""Small SQL constructs that differ between PostgreSQL and SQLite."""

from datetime import date
from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import String


class month_key(GenericFunction[str]):  # noqa: N801 - SQL function style
    """'YYYY-MM' of a date: grouping by it is far cheaper than extracting year and month separately."""

    type = String()
    name = "month_key"
    inherit_cache = True


@compiles(month_key, "postgresql")
def _month_key_pg(element: month_key, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(month_key, "sqlite")
def _month_key_sqlite(element: month_key, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
