"""Shared handling of unit-owned records: write checks, updates, the verification workflow, draft deletes.

Each kind says who may *see* its rows with its own `visible(scope)` clause (`records.kind.RecordKind`) built on
`authz.scoping.readable_units`; changing a record is only ever for the owner unit (`writable_units`).
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, col, select

from app.audit.queries import touched_by
from app.audit.service import set_action
from app.authz.principal import Principal
from app.authz.scoping import enterable_units, writable_units
from app.core import labels
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from app.core.models import pk
from app.core.time import utcnow
from app.core.validation_messages import FIELD_ZH
from app.records import external, workflow_hooks
from app.records.models import EDITABLE_STATUSES, OwnedRecord, Status, VerifiedRecord
from app.users.models import Role

R = TypeVar("R", bound=OwnedRecord)
V = TypeVar("V", bound=VerifiedRecord)

STATUS_ZH = labels.zh("status")  # the catalogue's, as the SPA shows them


def ensure_owner_can_write(principal: Principal, obj: OwnedRecord) -> None:
    if obj.unit_id not in writable_units(principal):
        raise Forbidden("只有录入该记录的单位可以修改")


def ensure_editable(obj: OwnedRecord) -> None:
    status = getattr(obj, "status", None)
    if status is not None and status not in EDITABLE_STATUSES:
        raise Conflict(f"记录当前为“{STATUS_ZH.get(status, status)}”状态，不能修改"
                       + ("；已核实的记录需办公室重新打开" if status == Status.verified else "；请先撤回"),
                       code="record-locked")


def owner_unit_for_create(principal: Principal, requested_unit_id: int | None) -> int:
    """The unit a new record belongs to: the caller's own, or (city-wide API clients) the one they name."""
    scope = enterable_units(principal)
    unit_id = requested_unit_id if requested_unit_id is not None else principal.unit_id
    if unit_id is None:
        raise Unprocessable("请指定录入单位 unit_id", errors=[{"field": "unit_id", "message": "必填"}])
    if unit_id not in scope:
        raise Forbidden("不能以其他单位的名义录入记录")
    return unit_id


def reject_nulls(changes: dict[str, Any], keys: Iterable[str]) -> None:
    """A PATCH may leave a field out, but may not blank a required one."""
    for key in keys:
        if key in changes and changes[key] is None:
            raise Unprocessable(f"{key} 不能为空", errors=[{"field": key, "message": "不能为空"}])


def apply_changes(obj: Any, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.version += 1


_IDS_LATER = "records_ids_later"  # session.info: new records wait for the caller's flush


@contextmanager
def ids_later(session: Session) -> Iterator[None]:
    """Inside it `new_record` does not flush: the caller flushes many new records at once (an import's chunk:
    one INSERT and one round of upkeep for all, instead of one per row) and reads their ids after that. Only for
    kinds whose create needs no id of its own (`RecordKind.create_flushes_later`); a query inside still flushes
    what is pending first (autoflush), so checks see the rows added before them."""
    session.info[_IDS_LATER] = True
    try:
        yield
    finally:
        session.info.pop(_IDS_LATER, None)


def new_record(session: Session, principal: Principal, model: type[R], data: BaseModel, *,
               exclude: Iterable[str] = (), check: Callable[[dict[str, Any], int], None] | None = None) -> R:
    """A new record of the caller's unit (or of the unit a city-wide client names in `unit_id`), flushed so it
    has an id (unless inside `ids_later`). `exclude`: input fields stored elsewhere (child rows);
    `check(fields, unit_id)`: the kind's checks."""
    unit_id = owner_unit_for_create(principal, getattr(data, "unit_id", None))
    fields = data.model_dump(exclude={"unit_id", *exclude})
    external.stamp(principal, model, fields, session=session)
    if check is not None:
        check(fields, unit_id)
    record = model(**fields, unit_id=unit_id, created_by=principal.name)
    session.add(record)
    if not session.info.get(_IDS_LATER):
        session.flush()
    return record


def edit(principal: Principal, obj: OwnedRecord, data: BaseModel, not_null: Iterable[str], *,
         exclude: Iterable[str] = ()) -> dict[str, Any]:
    """What a PATCH changes, once it may: only the owner unit edits, only a draft or returned record, and a
    required field may be left out but not blanked. Apply them with `save`."""
    ensure_owner_can_write(principal, obj)
    ensure_editable(obj)
    changes = data.model_dump(exclude_unset=True, exclude=set(exclude))
    reject_nulls(changes, not_null)
    external.stamp(principal, type(obj), changes, obj)
    return changes


def save(session: Session, obj: R, changes: dict[str, Any]) -> R:
    """Applies a PATCH's changes (bumping the version, the ETag) and flushes."""
    apply_changes(obj, changes)
    session.add(obj)
    session.flush()
    return obj


# ---- verification workflow ----------------------------------------------------------------------

TRANSITIONS: dict[str, tuple[frozenset[str], Status]] = {
    "submit": (frozenset({Status.draft, Status.returned}), Status.submitted),
    "withdraw": (frozenset({Status.submitted}), Status.draft),
    "verify": (frozenset({Status.submitted}), Status.verified),
    "return": (frozenset({Status.submitted}), Status.returned),
    "reopen": (frozenset({Status.verified}), Status.returned),
}
OFFICE_ACTIONS = frozenset({"verify", "return", "reopen"})
ACTION_ZH = labels.zh("auditAction")  # a transition is named as the audit log names it


AUTHORING = frozenset({"create", "update", "submit", "withdraw"})  # audit actions that make someone an author

Ref = tuple[str, int, int, str]  # (table, id, owner unit, created_by) of a record up for review


def review_ref(obj: VerifiedRecord) -> Ref:
    return str(type(obj).__tablename__), pk(obj), obj.unit_id, obj.created_by


def not_reviewable(session: Session, principal: Principal, refs: Iterable[Ref]) -> set[tuple[str, int]]:
    """Segregation of duties, decided here alone: which of these records the caller may not review.

    Nobody reviews what they created, edited, submitted or withdrew — by the record's audit history, so a
    second office user who rewrites and submits a colleague's draft is as barred as its creator. Records
    of the caller's own unit with no known author (`created_by` empty) count as their own too. Other units'
    records are never an office user's own; the office's own records are reviewed by another office user.
    """
    refs = list(refs)
    own = {(table, rid) for table, rid, unit_id, created_by in refs
           if unit_id == principal.unit_id and created_by in ("", principal.name)}
    return own | touched_by(session, principal, [(table, rid) for table, rid, *_ in refs], AUTHORING)


def ensure_may_review(session: Session, principal: Principal, obj: VerifiedRecord,
                      blocked: set[tuple[str, int]] | None = None) -> None:
    """`blocked`: `not_reviewable` already worked out for a batch holding `obj`."""
    if principal.kind != "user" or principal.role != Role.office:
        raise Forbidden("只有办公室可以核实、退回或重新打开记录")
    ref = review_ref(obj)
    if blocked is None:
        blocked = not_reviewable(session, principal, [ref])
    if ref[:2] in blocked:
        raise Forbidden("不能审核本人录入、修改或报送过的记录（职责分离），请由另一位办公室人员审核",
                        code="segregation-of-duties")


Missing = Callable[[Session, Any], list[dict[str, str]]]  # a kind's fields still empty that submitting needs


def ensure_complete(session: Session, obj: VerifiedRecord, missing: Missing) -> None:
    """422 incomplete, listing in Chinese every field the record still needs before it is submitted."""
    if errors := missing(session, obj):
        names = "、".join(dict.fromkeys(FIELD_ZH.get(e["field"], e["field"]) for e in errors))
        raise Unprocessable(f"报送前请补全：{names}", code="incomplete", errors=errors)


def transition(session: Session, obj: V, action: str, principal: Principal,
               reason: str | None, *, blocked: set[tuple[str, int]] | None = None,
               missing: Missing | None = None) -> V:
    """`missing`: the kind's check of what submitting needs (drafts may be incomplete)."""
    if action not in TRANSITIONS:
        raise Unprocessable(f"未知操作 {action}")
    sources, target = TRANSITIONS[action]
    if action in OFFICE_ACTIONS:
        ensure_may_review(session, principal, obj, blocked)
    else:
        ensure_owner_can_write(principal, obj)
    if obj.status not in sources:
        raise Conflict(f"记录当前为“{STATUS_ZH.get(obj.status, obj.status)}”，不能{ACTION_ZH[action]}",
                       code="invalid-transition")
    if action == "submit" and missing is not None:
        ensure_complete(session, obj, missing)
    if action == "submit":
        for check in workflow_hooks.SUBMIT_CHECKS:  # e.g. the office's evidence rules (attachments.evidence)
            check(session, obj)
    if action in ("return", "reopen") and not (reason and reason.strip()):
        raise Unprocessable(f"{ACTION_ZH[action]}时必须填写原因", errors=[{"field": "reason", "message": "必填"}])
    now = utcnow()
    obj.status = target
    if action == "submit":
        obj.submitted_at, obj.return_reason = now, None
    elif action == "verify":
        obj.verified_at, obj.verified_by = now, principal.name
    elif action in ("return", "reopen"):
        obj.return_reason = reason
        obj.verified_at = obj.verified_by = None
    obj.version += 1
    set_action(session, obj, action)
    session.add(obj)
    session.flush()
    for then in workflow_hooks.TRANSITIONED:  # e.g. a notice to the unit (notices.triggers)
        then(session, principal, obj, action, reason)
    return obj


# ---- deleting a draft -----------------------------------------------------------------------------------

DELETED = "delete_draft"  # the audit action of a deleted draft


def _children_and_referrers(model: type[VerifiedRecord]) -> tuple[list[Any], list[Any]]:
    """Rows pointing at `model`: the record's own parts (ON DELETE CASCADE: deleted with it, through the ORM so
    the audit chain and the rollups see them) and other records (a reference refuses the delete)."""
    table = model.__table__  # type: ignore[attr-defined]  # SQLModel sets __table__
    classes = {m.local_table: m.class_ for m in SQLModel._sa_registry.mappers}
    children: list[Any] = []
    referrers: list[Any] = []
    for other in SQLModel.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table and other in classes:
                (children if fk.ondelete == "CASCADE" else referrers).append((classes[other], fk.parent.name))
    return children, referrers


def delete_draft(session: Session, model: type[VerifiedRecord], record_id: int, principal: Principal) -> None:
    """Deletes a record that was never submitted, for its own unit only (any other caller: 404, as for a record
    it cannot see). A record once submitted — even withdrawn to draft again — stays, as its history matters
    (409 not-a-draft); so does one another record refers to (409 record-referenced). The delete is audited
    (`delete_draft`, with the values it had) and, like any write, leaves the rollups by the upkeep's delta."""
    obj = session.exec(select(model).where(col(model.id) == record_id,
                                           writable_units(principal).clause(col(model.unit_id)))
                       .with_for_update()).first()
    if obj is None:
        raise NotFound()
    if obj.status != Status.draft or obj.submitted_at is not None:
        raise Conflict(f"只能删除从未报送的草稿；该记录当前为“{STATUS_ZH.get(obj.status, obj.status)}”"
                       + ("（曾经报送）" if obj.status == Status.draft else "") + "，请改为修改或撤回",
                       code="not-a-draft")
    children, referrers = _children_and_referrers(model)
    for other, column in referrers:
        if session.exec(select(other).where(getattr(other, column) == obj.id).limit(1)).first() is not None:
            raise Conflict(f"该草稿已被其他记录引用（{other.__tablename__}），请先解除引用再删除",
                           code="record-referenced")
    for other, column in children:
        for row in session.exec(select(other).where(getattr(other, column) == obj.id)):
            session.delete(row)
    for gone in workflow_hooks.DRAFT_DELETED:  # e.g. its attachments (attachments.cleanup)
        gone(session, obj)
    session.flush()  # the parts first: the ORM knows no order between them and the record (no relationships)
    set_action(session, obj, DELETED)
    session.delete(obj)
    session.flush()
