"""Enterprise references used by the record domains: existence checks and batched name lookups."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from app.core import rowlocks, search
from app.core.errors import Unprocessable
from app.core.models import pk
from app.core.schemas import Id
from app.core.typing import AnySelect
from app.enterprises.classes import EnterpriseClass, class_column
from app.enterprises.models import Enterprise
from app.records.filters import Where
from app.records.schemas import EnterpriseRef


def ensure_enterprises(session: Session, ids: list[int], field: str = "enterprise_id") -> None:
    """Refuses unknown enterprises and ones merged into another (naming the survivor to use instead). Ones this
    transaction has checked already are not read again (a batch of 500 visits of one enterprise reads it once).
    The ones read here are locked `FOR SHARE` in the same statement: the record about to name them needs them
    kept as they are until it commits (the rollup upkeep would lock them so at the first flush otherwise)."""
    held = hold_enterprises(session, ids, share_lock=True)
    for eid in ids:
        ent = held.get(eid)
        if ent is None:
            raise Unprocessable("企业不存在", errors=[{"field": field, "message": f"企业 {eid} 不存在"}])
        if ent.merged_into_id is not None:
            raise Unprocessable(f"企业 {eid} 已合并到企业 {ent.merged_into_id}，请改用后者",
                                errors=[{"field": field, "message": f"已合并到 {ent.merged_into_id}"}])


def hold_enterprises(session: Session, ids: Iterable[int], *, share_lock: bool = False) -> dict[int, Enterprise]:
    """Reads the enterprises this transaction has not checked yet, in one query (an import reads a chunk's at
    once, before its rows are checked one by one); returns all it holds. `share_lock` (PostgreSQL): the rows
    read are locked `FOR SHARE`, in id order, and noted in `rowlocks` so that nothing locks them again."""
    held = _held(session)
    if missing := sorted({eid for eid in ids if eid not in held}):
        stmt = select(Enterprise).where(col(Enterprise.id).in_(missing))
        lock = share_lock and session.get_bind().dialect.name == "postgresql"
        if lock:
            stmt = stmt.order_by(col(Enterprise.id)).with_for_update(read=True)
        with session.no_autoflush:  # records waiting for a flush (`records.service.ids_later`) need not go first
            found = {pk(e): e for e in session.exec(stmt)}
        held.update(found)
        if lock:
            rowlocks.note(session, "enterprise", found, "share")
    return held


def _held(session: Session) -> dict[int, Enterprise]:
    """The enterprises the session's current transaction has read here, kept alive: the identity map holds objects
    only weakly, so without this each record of a batch would read its enterprise again."""
    root = session.get_transaction()
    while root is not None and root.parent is not None:
        root = root.parent
    slot: tuple[object, dict[int, Enterprise]] | None = session.info.get("enterprises_checked")
    if slot is None or slot[0] is not root:
        slot = (root, {})
        session.info["enterprises_checked"] = slot
    return slot[1]


def enterprise_refs(session: Session, ids: set[int]) -> dict[int, EnterpriseRef]:
    """One query for a whole page, so lists never load enterprises row by row; none for the ones this transaction
    holds already (a record just written answers with the enterprise its check read)."""
    held = _held(session)
    refs = {eid: EnterpriseRef(id=eid, name=held[eid].name, uscc=held[eid].uscc) for eid in ids if eid in held}
    if missing := ids - refs.keys():
        rows = session.exec(select(Enterprise.id, Enterprise.name, Enterprise.uscc)
                            .where(col(Enterprise.id).in_(missing)))
        refs.update({eid: EnterpriseRef(id=eid, name=name, uscc=uscc) for eid, name, uscc in rows if eid is not None})
    return refs


@dataclass
class EnterpriseFilter:
    """A list of records that name one enterprise: that enterprise, or enterprises of a class (世界500强, …)."""

    enterprise_id: Id | None = None
    enterprise_class: EnterpriseClass | None = None


class _NamesOneEnterprise(Protocol):
    enterprise_id: Id | None
    enterprise_class: EnterpriseClass | None
    q: str | None


def naming_enterprise(id_column: Any, enterprise_column: Any, *texts: Any) -> Where[_NamesOneEnterprise]:
    """The filters of a list of records that name one enterprise (`EnterpriseFilter` and `UnitAndText`): that
    enterprise, its class, and the text search `q` over its name or the record's own `texts`."""
    def where(session: Session, stmt: AnySelect, f: _NamesOneEnterprise) -> AnySelect:
        if f.enterprise_id is not None:
            stmt = stmt.where(col(enterprise_column) == f.enterprise_id)
        stmt = where_enterprise_class(stmt, enterprise_column, f.enterprise_class)
        if f.q:
            stmt = stmt.where(matching_enterprise_or(session, id_column, enterprise_column, f.q, *texts))
        return stmt
    return where


def of_class(enterprise_class: str) -> AnySelect:
    """Ids of the enterprises in a class (世界500强, 央企, …), for a list's `enterprise_class` filter."""
    return select(Enterprise.id).where(class_column(enterprise_class).is_(True))


def named(q: str) -> AnySelect:
    """Ids of the enterprises whose name contains `q`, for a list's text search."""
    return select(Enterprise.id).where(search.contains(Enterprise.name, q))


def where_enterprise_class(stmt: AnySelect, enterprise_column: Any, enterprise_class: str | None) -> AnySelect:
    """A list's `enterprise_class` filter, for a record that names one enterprise."""
    if enterprise_class:
        stmt = stmt.where(col(enterprise_column).in_(of_class(enterprise_class)))
    return stmt


def matching_enterprise_or(session: Session, id_column: Any, enterprise_column: Any, q: str,
                           *texts: Any) -> ColumnElement[bool]:
    """Text search over a record that names one enterprise: that enterprise's name, or one of the record's texts."""
    return search.matching(session, id_column,
                           [col(enterprise_column).in_(named(q)), *(search.contains(text, q) for text in texts)])
