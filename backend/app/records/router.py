"""One router factory for every record kind: `record_router(kind)` serves a `RecordKind`'s list, Excel export,
create, read, update (If-Match), history and — for verified kinds — transitions and draft delete.

The endpoints are written once; each gets a signature naming the kind's own types (its create and update
schemas, its filters, its id parameter), which is what FastAPI reads to validate requests and describe them in
the OpenAPI document. A kind adds routes of its own to the router it gets back.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response

from app.audit import queries as audit
from app.audit.schemas import AuditEventsPublic
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import xlsx
from app.core.deps import SessionDep
from app.core.etag import etag_of, require_if_match, set_etag
from app.core.schemas import INT32_MAX, IdPath
from app.idempotency.service import Idempotency, IdempotencyDep
from app.records import batch
from app.records import service as records
from app.records.external import ExternalIdPath
from app.records.kind import RecordKind
from app.records.models import VerifiedRecord
from app.records.schemas import BatchResult, Paging, TransitionRequest

Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Transitioner = Annotated[Principal, allow(Action.records_transition)]
AnyKind = RecordKind[Any, Any, Any, Any, Any]
Endpoint = Callable[..., Any]
_KW = inspect.Parameter.KEYWORD_ONLY
EXPORT_DOC = """Every {noun} the list shows for the same filters, in the same order, as an Excel workbook (at most
50,000 rows; more is 422 — narrow the filters)."""
BATCH_DOC = """Creates or updates up to 500 {noun} records by the sender's own `external_id` (see `records.batch` and
docs/integration.md §7): each item is `created`, `updated` (only while draft or returned; otherwise that item is an
`error` with a 409 problem), `unchanged` (nothing written) or an `error` with its problem, in the order sent. With
`atomic=true` one error rejects the whole batch and nothing is written; `submit=true` submits what was written.
Pushing the same batch again writes nothing."""
BY_EXTERNAL_ID_DOC = """The caller's own {noun} with this external id (ids are per API client, or per unit for
people); any other, or none: 404."""
DEFAULT_DOCS = {"export": EXPORT_DOC, "batch": BATCH_DOC, "by_external_id": BY_EXTERNAL_ID_DOC}


def _arg(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, _KW, annotation=annotation, default=default)


def _signed(endpoint: Endpoint, *params: inspect.Parameter) -> Endpoint:
    """What FastAPI reads of an endpoint: its parameters (`inspect.signature` honours `__signature__`)."""
    endpoint.__dict__["__signature__"] = inspect.Signature(list(params))
    return endpoint


def _add(router: APIRouter, kind: AnyKind, op: str, name: str, path: str, method: str, endpoint: Endpoint,
         **options: Any) -> None:
    endpoint.__name__ = name
    endpoint.__doc__ = kind.docs.get(op, DEFAULT_DOCS[op].format(noun=kind.noun) if op in DEFAULT_DOCS else None)
    router.add_api_route(path, endpoint, methods=[method], name=name,
                         responses={**options.pop("responses", {}), **kind.responses.get(op, {})}, **options)


def record_router(kind: AnyKind, *, collection_routes: Callable[[APIRouter], None] | None = None) -> APIRouter:
    """The kind's router. `collection_routes` adds a kind's own routes under the collection (`/x/something`)
    before the record routes (`/x/{id}`), which would otherwise take the path for an id."""
    router = APIRouter(prefix=kind.path, tags=[kind.tag])
    query: type[Any] = dataclass(type(f"{kind.name.title()}Query", (Paging, kind.query_filters), {
        "__doc__": "The list's filters, then its paging."}))
    add_collection_routes(router, kind, query)
    if collection_routes is not None:
        collection_routes(router)
    add_record_routes(router, kind)
    if kind.verified:
        add_transitions(router, kind)
        add_draft_delete(router, kind.model, kind.param, kind.name.replace("_", " "))
    return router


def add_collection_routes(router: APIRouter, kind: AnyKind, query: type[Any]) -> None:
    def list_records(session: Any, principal: Principal, query: Any) -> Any:
        page = kind.list_page(session, principal, query, cursor=query.cursor, limit=query.limit,
                         with_total=query.with_total)
        return kind.list_schema(data=kind.to_public(session, page.items, principal), **page.meta())

    def export_records(session: Any, principal: Principal, filters: Any) -> Response:
        rows = xlsx.keyset_batches(
            lambda cursor, limit, with_total: kind.list_page(session, principal, filters, cursor=cursor,
                                                             limit=limit, with_total=with_total),
            lambda items: kind.to_public(session, items, principal))
        return kind.export.workbook(session, principal, rows)

    def create_record(data: Any, session: Any, principal: Principal, idem: Idempotency) -> Response:
        record = kind.create(session, principal, data)
        return idem.respond(kind.to_public(session, [record], principal)[0], 201, {"ETag": etag_of(record)})

    _add(router, kind, "list", f"list_{kind.plural}", "", "GET", _signed(
        list_records, _arg("session", SessionDep), _arg("principal", Reader),
        _arg("query", Annotated[query, Depends()])), response_model=kind.list_schema)
    _add(router, kind, "export", f"export_{kind.plural}", "/export.xlsx", "GET", _signed(
        export_records, _arg("session", SessionDep), _arg("principal", Reader),
        _arg("filters", Annotated[kind.query_filters, Depends()])), response_class=Response, responses=xlsx.RESPONSES)
    _add(router, kind, "create", f"create_{kind.name}", "", "POST", _signed(
        create_record, _arg("data", kind.create_schema), _arg("session", SessionDep), _arg("principal", Writer),
        _arg("idem", IdempotencyDep)), response_model=kind.public_schema, status_code=201)
    add_external_routes(router, kind)


def add_external_routes(router: APIRouter, kind: AnyKind) -> None:
    """`POST /batch` (upsert by external id, `records.batch`) and `GET /by-external-id/{external_id}`; under the
    collection, before `/{id}`, which would otherwise take `by-external-id` for an id."""
    def upsert(data: Any, session: Any, principal: Principal, idem: Idempotency) -> Response:
        return idem.respond(batch.upsert(session, principal, kind, data), 200)

    def by_external_id(external_id: str, session: Any, principal: Principal, response: Response) -> Any:
        record = kind.by_external_id(session, principal, external_id)
        set_etag(response, record)
        return kind.public_one(session, record, principal)

    _add(router, kind, "batch", f"batch_upsert_{kind.plural}", "/batch", "POST", _signed(
        upsert, _arg("data", batch.request_schema(kind)), _arg("session", SessionDep), _arg("principal", Writer),
        _arg("idem", IdempotencyDep)), response_model=BatchResult, status_code=200,
        responses={413: {"description": "请求内容过大"}})
    _add(router, kind, "by_external_id", f"get_{kind.name}_by_external_id", "/by-external-id/{external_id}", "GET",
         _signed(by_external_id, _arg("external_id", ExternalIdPath), _arg("session", SessionDep),
                 _arg("principal", Reader), _arg("response", Response)), response_model=kind.public_schema)


def add_record_routes(router: APIRouter, kind: AnyKind) -> None:
    def read(session: Any, principal: Principal, response: Response, **ids: int) -> Any:
        record = kind.get(session, principal, ids[kind.param])
        set_etag(response, record)
        return kind.public_one(session, record, principal)

    def update(data: Any, request: Request, response: Response, session: Any, principal: Principal,
               **ids: int) -> Any:
        record = kind.get(session, principal, ids[kind.param], for_update=True)
        require_if_match(request, record)
        record = kind.update(session, principal, record, data)
        set_etag(response, record)
        return kind.public_one(session, record, principal)

    def history(session: Any, principal: Principal, cursor: str | None, limit: int, **ids: int) -> AuditEventsPublic:
        record = kind.get(session, principal, ids[kind.param])
        return audit.record_history(session, principal, record, children=kind.history_children, cursor=cursor,
                                    limit=limit)

    record_id = _arg(kind.param, IdPath)
    item = f"/{{{kind.param}}}"
    _add(router, kind, "read", f"get_{kind.name}", item, "GET", _signed(
        read, record_id, _arg("session", SessionDep), _arg("principal", Reader), _arg("response", Response)),
        response_model=kind.public_schema)
    _add(router, kind, "update", f"update_{kind.name}", item, "PATCH", _signed(
        update, record_id, _arg("data", kind.update_schema), _arg("request", Request), _arg("response", Response),
        _arg("session", SessionDep), _arg("principal", Writer)), response_model=kind.public_schema)
    _add(router, kind, "history", f"get_{kind.name}_history", f"{item}/history", "GET", _signed(
        history, record_id, _arg("session", SessionDep), _arg("principal", Reader),
        _arg("cursor", audit.Cursor, None), _arg("limit", audit.Limit, 50)), response_model=AuditEventsPublic)


def add_transitions(router: APIRouter, kind: AnyKind) -> None:
    """submit / withdraw (the owner unit); verify / return / reopen (the office): `records.transition`."""
    def transition(data: TransitionRequest, session: Any, principal: Principal, idem: Idempotency,
                   **ids: int) -> Response:
        record = kind.transition(session, principal, kind.get(session, principal, ids[kind.param], for_update=True),
                                 data.action, data.reason)
        return idem.respond(kind.to_public(session, [record], principal)[0], 200, {"ETag": etag_of(record)})

    _add(router, kind, "transition", f"transition_{kind.name}", f"/{{{kind.param}}}/transitions", "POST", _signed(
        transition, _arg(kind.param, IdPath), _arg("data", TransitionRequest), _arg("session", SessionDep),
        _arg("principal", Transitioner), _arg("idem", IdempotencyDep)), response_model=kind.public_schema)


def add_draft_delete(router: APIRouter, model: type[VerifiedRecord], param: str, name: str) -> None:
    """`DELETE {prefix}/{param}`: the entering unit deletes a draft it never submitted (`delete_draft`)."""
    RecordId = Annotated[int, Path(alias=param, ge=1, le=INT32_MAX, description="记录编号")]  # noqa: N806

    def delete(record_id: RecordId, session: SessionDep, principal: Writer) -> Response:
        records.delete_draft(session, model, record_id, principal)
        return Response(status_code=204)

    delete.__doc__ = (f"Deletes a draft {name} that was never submitted; only its own unit may (any other: 404). "
                      "A submitted, returned, verified or withdrawn one is 409 `not-a-draft`; one another record "
                      "refers to is 409 `record-referenced`. Audited as `delete_draft`; gone from lists and figures.")
    router.add_api_route(f"/{{{param}}}", delete, methods=["DELETE"], status_code=204, response_class=Response,
                         name=f"delete_{name.replace(' ', '_')}",
                         responses={404: {"description": "记录不存在或不属于本单位"},
                                    409: {"description": "不是从未报送的草稿，或已被引用"}})
