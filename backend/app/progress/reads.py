"""What a metric reads besides its own records, declared next to the metric.

The rollups' upkeep (progress/upkeep.py) is derived from these declarations: the tables whose writes it
watches, the parents a new link must lock, and the walk from a changed row to the records whose metric rows
it changes. `undeclared` compares a declaration with the metric's SQL, so a metric that reads a table or
follows a link it does not declare fails at start-up and in tests, instead of leaving rollups stale.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import visitors

from app.core.typing import AnySelect


def _column(attr: Any) -> "Column[Any]":
    column = attr.property.columns[0] if isinstance(attr, InstrumentedAttribute) else attr
    assert isinstance(column, Column) and isinstance(column.table, Table), attr
    return column


def column_name(attr: Any) -> str:
    """The column name of a model attribute (`col(Visit.enterprise_id)` → "enterprise_id")."""
    return _column(attr).name


def _key(column: "Column[Any]") -> tuple[str, str]:
    return str(column.table.name), column.name


def _target(column: "Column[Any]") -> str:
    (fk,) = column.foreign_keys
    return str(fk.column.table.name)


@dataclass(frozen=True)
class Parent:
    """A record reads a parent row: `link` is the foreign key naming the parent, `record` the column naming the
    reading record in the same table — its id (a visit's enterprise), or a link row's key to it (a project's
    enterprises through project_enterprise). When the parent's read columns change, its records are recounted;
    a record newly linked to a parent locks it until commit."""

    record: Any
    link: Any

    @property
    def table(self) -> str:
        return str(_column(self.link).table.name)

    @property
    def parent(self) -> str:
        return _target(_column(self.link))

    @property
    def child(self) -> str:
        """The table of the records that read the parent."""
        record = _column(self.record)
        return _target(record) if record.foreign_keys else str(record.table.name)


@dataclass(frozen=True)
class Part:
    """Rows of a table that are part of a record (a project's credit shares): `owner` is the foreign key naming
    the record; writing a part recounts its record."""

    owner: Any

    @property
    def table(self) -> str:
        return str(_column(self.owner).table.name)

    @property
    def record(self) -> str:
        return _target(_column(self.owner))


@dataclass(frozen=True)
class Everything:
    """A table every slice depends on as a whole (a unit's type decides what it is credited): a change of a
    column some metric reads rebuilds every slice rather than walking to records."""

    table_model: Any

    @property
    def table(self) -> str:
        return str(self.table_model.__tablename__)


Read = Parent | Part | Everything


def tables(record_type: str, reads: Iterable[Read]) -> set[str]:
    """Every table a metric with these declarations may read."""
    out = {record_type}
    for read in reads:
        if isinstance(read, Parent):
            out |= {read.table, read.parent, read.child}
        elif isinstance(read, Part):
            out |= {read.table, read.record}
        else:
            out.add(read.table)
    return out


def undeclared(record_type: str, reads: Iterable[Read], statement: AnySelect) -> list[str]:
    """What `statement` reads that the declarations leave out: a table, or a foreign key it follows from one
    read table to another (other than into a table declared as `Everything`)."""
    reads = list(reads)
    declared = tables(record_type, reads)
    everything = {r.table for r in reads if isinstance(r, Everything)}
    named = [c for r in reads if isinstance(r, Parent) for c in (r.link, r.record)]
    named += [r.owner for r in reads if isinstance(r, Part)]
    links = {_key(_column(c)) for c in named}
    columns = {e for e in visitors.iterate(statement) if isinstance(e, Column) and isinstance(e.table, Table)}
    read_tables = {str(c.table.name) for c in columns}
    out = [f"table {t}" for t in sorted(read_tables - declared)]
    for column in sorted(columns, key=lambda c: (str(c.table.name), c.name)):
        for fk in column.foreign_keys:
            target = str(fk.column.table.name)
            if (target in read_tables and target != column.table.name and target not in everything
                    and _key(column) not in links):
                out.append(f"link {column.table.name}.{column.name} → {target}")
    return out
