"""Indexes the lists need, named one way: keyset orders and PostgreSQL trigram search.

A list page is `WHERE <scope> AND (sort, id) < (v, x) ORDER BY sort, id LIMIT n`; an index on
(scope column, sort, id) — or (sort, id) for a list seen city-wide — serves it as one range at any depth.
Name search is `LIKE '%q%'`, which a trigram (pg_trgm) GIN index answers on PostgreSQL for queries of
three characters or more; SQLite keeps scanning, as it always did.
"""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Index


def keyset(table: str, *columns: str) -> Index:
    """(columns…, id): the order of a list sorted by the last column, within the first ones."""
    return Index(f"ix_{table}_{'_'.join(columns)}_id", *columns, "id")


PENDING_LIST_KB = 256  # a GIN index's list of entries not yet merged, which every search reads through


def trigram(table: str, column: str, *, fastupdate: bool = True) -> Index:
    """A pg_trgm GIN index for `column LIKE '%q%'`; PostgreSQL only (the migration creates the extension).

    GIN queues new entries in a pending list that every search scans, up to 4 MB by default: after a few
    thousand writes one search cost 20 ms there. The list is kept short (`PENDING_LIST_KB`); an index searched on
    every write and rarely holding anything (`fastupdate=False`: the former names) takes its entries at once."""
    options = {"gin_pending_list_limit": PENDING_LIST_KB} if fastupdate else {"fastupdate": "off"}
    return Index(f"ix_{table}_{column}_trgm", column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"},
                 postgresql_with=options).ddl_if(dialect="postgresql")


def external(table: str) -> Index:
    """An external id is unique per source within a table (`records.external`); rows without one (NULL) never
    collide, on SQLite and PostgreSQL alike."""
    return Index(f"uq_{table}_external", "external_source", "external_id", unique=True)


def queue(table: str) -> Index:
    """The verification queue: submitted records oldest first."""
    return keyset(table, "status", "submitted_at")


def record(table: str, *orders: tuple[str, ...], search: Sequence[str] = (), updated: bool = True,
           verified: bool = False) -> tuple[Index, ...]:
    """A record kind's indexes: its external id; a keyset per list order it offers (`orders`; newest created is
    always one, last updated unless `updated=False`); the verification queue for a kind the office verifies;
    a trigram index per column its text search reads."""
    found = [external(table), *(keyset(table, *order) for order in orders), keyset(table, "created_at")]
    if updated:
        found.append(keyset(table, "updated_at"))
    if verified:
        found.append(queue(table))
    return (*found, *(trigram(table, column) for column in search))


def for_dialect(name: str) -> Callable[[Any, str | None, str, bool, Any], bool]:
    """Alembic's `include_object`: leaves out of the comparison an index declared for another database
    (`Index.ddl_if(dialect=...)`, such as the trigram indexes), so the schema check is clean on both."""
    def include(obj: Any, _name: str | None, type_: str, reflected: bool, _compare_to: Any) -> bool:
        ddl_if = getattr(obj, "_ddl_if", None) if type_ == "index" and not reflected else None
        return ddl_if is None or ddl_if.dialect in (None, name)
    return include
