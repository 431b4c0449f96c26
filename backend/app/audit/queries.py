"""Reading the audit history: pages newest first, and the history of one record for whoever may read it.

The cursor is the id of the last row seen (ids only grow), so paging stays stable while rows arrive.
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session, col

from app.audit.models import AuditEvent
from app.audit.schemas import AuditEventPublic, AuditEventsPublic
from app.authz.policy import Action, is_allowed
from app.authz.principal import Principal
from app.core.errors import AppError

Cursor = Annotated[str | None, Query(max_length=20, description="上一页返回的 next_cursor")]
Limit = Annotated[int, Query(ge=1, le=200)]


def _rows(session: Session, conditions: Sequence[ColumnElement[bool]], cursor: str | None,
          limit: int) -> tuple[list[AuditEvent], str | None]:
    stmt = select(AuditEvent).where(*conditions).order_by(col(AuditEvent.id).desc()).limit(limit + 1)
    if cursor is not None:
        if not cursor.isdigit():
            raise AppError("cursor 无效", status=422, code="validation-error")
        stmt = stmt.where(col(AuditEvent.id) < int(cursor))
    rows = list(session.execute(stmt).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (str(rows[-1].id) if more else None)


def page(session: Session, conditions: Sequence[ColumnElement[bool]], *, cursor: str | None,
         limit: int) -> AuditEventsPublic:
    rows, next_cursor = _rows(session, conditions, cursor, limit)
    return AuditEventsPublic.model_validate({"data": rows, "next_cursor": next_cursor})


def count(session: Session, conditions: Sequence[ColumnElement[bool]]) -> int:
    n: int = session.execute(select(func.count()).select_from(AuditEvent).where(*conditions)).scalar_one()
    return n


def all_pages(session: Session, conditions: Sequence[ColumnElement[bool]],
              batch: int = 1000) -> Iterator[list[AuditEventPublic]]:
    cursor: str | None = None
    while True:
        rows, cursor = _rows(session, conditions, cursor, batch)
        yield [AuditEventPublic.model_validate(r) for r in rows]
        if cursor is None:
            return


# ---- the history of one record ----------------------------------------------------------------------

def child_rows(child: type[Any], parent_table: str, parent_id: int) -> ColumnElement[bool]:
    """The audit rows of a child table's rows that belong to one parent record (a project's credit shares):
    a lookup on the (owner_entity, owner_id) index, which the audit hook fills for every row whose key has
    several columns (migration a13a00000001 filled it for the rows written before)."""
    return and_(col(AuditEvent.owner_entity) == parent_table, col(AuditEvent.owner_id) == int(parent_id),
                col(AuditEvent.entity) == child.__tablename__)


def record_conditions(record: Any, children: Sequence[type[Any]] = ()) -> ColumnElement[bool]:
    """A record's own audit rows and those of its child rows (e.g. a project's credit shares)."""
    table = type(record).__tablename__
    return or_(and_(col(AuditEvent.entity) == table, col(AuditEvent.entity_id) == str(record.id)),
               *(child_rows(child, table, record.id) for child in children))


def touched_by(session: Session, principal: Principal, refs: Iterable[tuple[str, int]],
               actions: Iterable[str]) -> set[tuple[str, int]]:
    """Which of these records (table, id) the caller ever acted on with one of `actions`, by their history:
    one query on the (entity, entity_id) index, however many records."""
    wanted: dict[str, set[str]] = {}
    for entity, record_id in refs:
        wanted.setdefault(entity, set()).add(str(record_id))
    if not wanted or principal.id is None:
        return set()
    stmt = select(col(AuditEvent.entity), col(AuditEvent.entity_id)).distinct().where(
        col(AuditEvent.actor_type) == principal.kind, col(AuditEvent.actor_id) == principal.id,
        col(AuditEvent.action).in_(sorted(actions)),
        or_(*(and_(col(AuditEvent.entity) == entity, col(AuditEvent.entity_id).in_(sorted(ids)))
              for entity, ids in wanted.items())))
    return {(entity, int(entity_id)) for entity, entity_id in session.execute(stmt)}


def may_see_addresses(principal: Principal) -> bool:
    return is_allowed(principal, Action.audit_read)


def record_history(session: Session, principal: Principal, record: Any, *, children: Sequence[type[Any]] = (),
                   cursor: str | None, limit: int) -> AuditEventsPublic:
    """The audit events of one record (and of its child rows), newest first, for anyone who may read it.

    The caller loads `record` through its domain's `service.get`, which answers 404 for a record outside
    the caller's scope — so nobody reads the history of a record they may not read.

    `client_addr` is blanked unless the caller may read the whole audit log (office, admin). An address
    says where a colleague worked from (office, home, which network) — personal data that a record's
    history does not need: who did what, when, and the values before and after are all there. The
    office and the administrators keep it, for investigating misuse, which is what it is recorded for.
    """
    result = page(session, [record_conditions(record, children)], cursor=cursor, limit=limit)
    if not may_see_addresses(principal):
        result = result.model_copy(update={"data": [e.model_copy(update={"client_addr": None})
                                                    for e in result.data]})
    return result
