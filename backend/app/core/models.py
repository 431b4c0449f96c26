"""Mixins shared by table models."""

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import ClassVar, Protocol

from sqlalchemy import Column
from sqlmodel import Field

from app.core.time import utcnow
from app.core.types import UTCDateTime


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def pk(record: _Stored) -> int:
    """A stored row's id: table models type it `int | None`, as it is None until the row is flushed."""
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id yet: it was not flushed")
    return record.id


def pks(values: Iterable[int | None]) -> Iterator[int]:
    """Ids read from a primary-key column (typed `int | None` by the models, never None when read)."""
    for value in values:
        if value is None:
            raise ValueError("a primary key read as NULL")
        yield value


def created_at_field() -> datetime:
    field: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    return field


def updated_at_column() -> Column[datetime]:
    return Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Audited:
    """Marks a table whose every insert, update and delete is written to the audit history.

    `__audit_redact__` lists columns whose values never leave the row (hashes, secrets).
    """

    __audit_redact__: ClassVar[frozenset[str]] = frozenset()
    # columns whose change on its own is no history (a sign-in stamp); they still show beside real changes
    __audit_ignore__: ClassVar[frozenset[str]] = frozenset()
