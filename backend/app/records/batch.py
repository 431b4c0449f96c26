"""Batch upsert by external id (`POST /api/v1/{kind}/batch`), for every record kind, through the kind's own create,
update and transition services — so the audit history, the change feed, the webhook outbox and the rollups see
each write exactly as they see a single POST or PATCH.

Each item is matched to the caller's record with the same external id (`records.external`; enterprises also by
USCC, the kind's `natural_keys`). No match: created. A match: the fields the item sends are compared with the
record as it reads back; nothing different — `unchanged`, and nothing is written (no row, no audit event, no
feed change), so the same batch pushed again, with or without an Idempotency-Key, changes nothing. Otherwise the
differences are applied as a PATCH would (only while draft or returned: a submitted or verified record answers
that item 409 `record-locked`). Every item runs in a SAVEPOINT: one that fails takes only its own writes back,
unless `atomic`, which answers the whole batch with an error and writes nothing.
"""

import json
from typing import Annotated, Any

from pydantic import Field, ValidationError, create_model
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.core.errors import AppError, Unprocessable, problem_of
from app.core.openapi_spec import Problem
from app.core.validation_messages import FIELD_ZH
from app.records import external
from app.records.external import ExternalId
from app.records.kind import RecordKind
from app.records.schemas import BATCH_MAX, BatchItemResult, BatchRequest, BatchResult

AnyKind = RecordKind[Any, Any, Any, Any, Any]
UNKNOWN = object()  # a sent field the record does not read back (`confirm_not_duplicate`): never a change


def request_schema(kind: AnyKind) -> type[BatchRequest]:
    """`{Kind}Batch`: up to 500 `{Kind}BatchItem`s — the kind's create fields with `external_id` required."""
    if kind.name not in _SCHEMAS:
        _SCHEMAS[kind.name] = _request_schema(kind)
    return _SCHEMAS[kind.name]


_SCHEMAS: dict[str, type[BatchRequest]] = {}  # one per kind: the OpenAPI document names each once


def _request_schema(kind: AnyKind) -> type[BatchRequest]:
    name = "".join(part.title() for part in kind.name.split("_"))
    item = create_model(f"{name}BatchItem", __base__=kind.create_schema,
                        __doc__=f"One {kind.noun} of a batch: its create fields, and the sender's own id.",
                        external_id=(ExternalId, ...))
    items = Annotated[list[item], Field(min_length=1, max_length=BATCH_MAX,
                                        description=f"最多 {BATCH_MAX} 条，外部编号不得重复")]
    return create_model(f"{name}Batch", __base__=BatchRequest, items=(items, ...))


def upsert(session: Session, principal: Principal, kind: AnyKind, data: Any) -> BatchResult:
    """Writes the batch; its answer lists every item in order. `atomic` with a failed item: 4xx, nothing written."""
    if data.submit and not kind.verified:
        raise Unprocessable(f"{kind.noun} 无需报送", errors=[{"field": "submit", "message": "该类记录没有报送流程"}])
    items = data.items
    found = _existing(session, principal, kind, items)
    current = {record.id: public.model_dump(mode="json")
               for record, public in zip(found.values(), kind.to_public(session, list(found.values()), principal),
                                         strict=True)}
    results = [_one(session, principal, kind, index, item, found.get(index), current, submit=data.submit)
               for index, item in enumerate(items)]
    failed = [r for r in results if r.outcome == "error"]
    if data.atomic and failed:
        first = failed[0].problem
        assert first is not None
        raise AppError(f"整批未写入：{len(failed)} 条出错，如第 {failed[0].index} 条（{first.detail}）",
                       status=first.status, code="batch-rejected",
                       items=[r.model_dump(mode="json", exclude_none=True) for r in failed])
    counts = {outcome: sum(r.outcome == outcome for r in results) for outcome in ("created", "updated", "unchanged")}
    return BatchResult(items=results, errors=len(failed), **counts)


def _existing(session: Session, principal: Principal, kind: AnyKind, items: list[Any]) -> dict[int, Any]:
    """Item index → the caller's record it updates, locked (one statement per key, sorted by id)."""
    model = kind.model

    def locked(clause: Any) -> list[Any]:
        return list(session.exec(select(model).where(clause).order_by(kind.id_column)
                                 .with_for_update(key_share=True)))

    by_external_id = {r.external_id: r for r in locked(external.matching(model, principal,
                                                                         [i.external_id for i in items]))}
    found = {index: by_external_id[item.external_id] for index, item in enumerate(items)
             if item.external_id in by_external_id}
    for key in kind.natural_keys:
        wanted = {getattr(item, key): index for index, item in enumerate(items)
                  if index not in found and getattr(item, key, None) is not None}
        if wanted:
            found.update({wanted[getattr(r, key)]: r for r in locked(col(getattr(model, key)).in_(list(wanted)))})
    return found


def _one(session: Session, principal: Principal, kind: AnyKind, index: int, item: Any, record: Any,
         current: dict[int, dict[str, Any]], *, submit: bool) -> BatchItemResult:
    existing_id = None if record is None else record.id
    try:
        changes = None if record is None else _changes(kind, item, record, current[record.id])
        if changes == {}:
            return BatchItemResult(index=index, external_id=item.external_id, outcome="unchanged", id=record.id,
                                   version=record.version)
        with session.begin_nested():  # an item that fails takes back only its own writes
            if record is None:
                external.known_free(session, kind.model, principal, item.external_id)
                record = kind.create(session, principal, item)
            else:
                record = kind.update(session, principal, record, kind.update_schema.model_validate(changes))
            if submit:
                kind.transition(session, principal, record, "submit", None)
        return BatchItemResult(index=index, external_id=item.external_id, outcome="created" if existing_id is None
                               else "updated", id=record.id, version=record.version)
    except (AppError, ValidationError, IntegrityError) as exc:
        body = problem_of(exc)
        assert body is not None
        return BatchItemResult(index=index, external_id=item.external_id, outcome="error", id=existing_id,
                               problem=Problem.model_validate(body))


def _changes(kind: AnyKind, item: Any, record: Any, current: dict[str, Any]) -> dict[str, Any]:
    """What the item sends that differs from the record as it reads back, as the kind's update takes it. A field
    only a create takes (`unit_id`, a funds report's project) may be repeated but not changed (422)."""
    updatable = kind.update_schema.model_fields
    changes: dict[str, Any] = {}
    for key, value in item.model_dump(mode="json", exclude_unset=True, exclude={"external_id"}).items():
        now = _read_back(current, key)
        if now is UNKNOWN or _same(value, now) or (value is None and key not in updatable):
            continue
        if key not in updatable:
            raise Unprocessable(f"{FIELD_ZH.get(key, key)}在新建后不能修改", code="field-not-updatable",
                                errors=[{"field": key, "message": "新建后不能修改"}])
        changes[key] = value
    if record.external_id is None:  # matched by a natural key (USCC): the record takes the caller's id
        changes["external_id"] = item.external_id
    return changes


def _read_back(current: dict[str, Any], key: str) -> Any:
    """The record's value of a create field: the same name, or `x_ids` as the ids of the `xs` it shows."""
    if key in current:
        return current[key]
    plural = f"{key[:-4]}s" if key.endswith("_ids") else ""
    if isinstance(current.get(plural), list):
        return [ref["id"] for ref in current[plural]]
    return UNKNOWN


def _same(sent: Any, now: Any) -> bool:
    """Equal as JSON; lists in any order (ids, credit shares, former names)."""
    if isinstance(sent, list) and isinstance(now, list):
        return sorted(map(_canonical, sent)) == sorted(map(_canonical, now))
    return bool(sent == now)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
