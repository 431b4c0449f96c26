"""Type names shared by the query helpers."""

from typing import Any

from sqlalchemy import Select

AnySelect = Select[*tuple[Any, ...]]  # a select of any columns (a model, or several columns)
