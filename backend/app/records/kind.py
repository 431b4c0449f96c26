"""One definition per record kind: what `records.router.record_router` and the shared service need to serve
list / export / create / read / update / transitions / history / draft delete for it.

Authorization stays in `app.authz`: it says which units the caller may read (`readable_units` → `UnitScope`);
the kind turns that scope into a query (`visible`, in the style of Polar's `get_readable_statement`), as only the
kind knows its columns (an owner, an assigned unit, a credited unit, a parent record). Whatever is particular to
a kind (credit shares, the funds running total, enterprise merges) lives in that kind's module and is plugged in
here as a hook (`create`, `update`, `to_public`, `before_transition`, `submit_needs`) or added to the router as
an extra route.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import QueryableAttribute
from sqlmodel import Session, SQLModel, select

from app.authz.principal import Principal
from app.authz.scoping import UnitScope, readable_units
from app.core import rowlocks
from app.core.errors import NotFound
from app.core.pagination import CountTo, Page, keyset_page
from app.records import external
from app.records import service as records
from app.records.exports import ExportSheet
from app.records.external import ExternalIdQuery
from app.records.filters import Where
from app.records.models import VerifiedRecord
from app.records.service import Missing


class Sorted(Protocol):
    """A kind's filters dataclass: typed query parameters, ending with the list's `sort`."""

    sort: str


M = TypeVar("M", bound=SQLModel)  # the table model
C = TypeVar("C", bound=BaseModel)  # XCreate
U = TypeVar("U", bound=BaseModel)  # XUpdate
P = TypeVar("P", bound=BaseModel)  # XPublic
F = TypeVar("F", bound=Sorted)  # XFilters

Visible = Callable[[UnitScope], ColumnElement[bool]]


@dataclass
class ExternalIdFilter:
    """Every kind's list (and export) filters by the caller's own external id (`records.external`)."""

    external_id: ExternalIdQuery = None


@dataclass(frozen=True, kw_only=True)
class RecordKind(Generic[M, C, U, P, F]):
    """A record kind. The names give the routes' operation names: `list_{plural}`, `export_{plural}`,
    `create_{name}`, `get_{name}`, `update_{name}`, `transition_{name}`, `get_{name}_history`, `delete_{name}`.

    A kind whose model is a `VerifiedRecord` also gets the verification transitions and the draft delete.
    """

    name: str  # "visit"
    plural: str = ""  # "visits" (default: name + "s")
    path: str = ""  # "/api/v1/visits" (default: /api/v1/ and the plural, hyphenated)
    tag: str = ""  # the OpenAPI tag (default: the plural)
    param: str = ""  # the id's path parameter (default: name + "_id": "visit_id")
    noun: str = ""  # what the descriptions call one record (default: the name)
    model: type[M]
    create_schema: type[C]
    update_schema: type[U]
    public_schema: type[P]
    list_schema: type[BaseModel]  # XsPublic: `data` and the paging fields (`records.schemas.ListMeta`)
    filters: type[F]  # a dataclass of query parameters, shared by the list and its export
    visible: Visible  # which rows a caller with this scope may read
    where: Where[F]  # the filters, applied to a select of `model` (usually a `records.filters.ColumnFilters`)
    sorts: Mapping[str, Any]  # sort key → column
    create: Callable[[Session, Principal, C], M]
    update: Callable[[Session, Principal, M, U], M]
    to_public: Callable[[Session, list[M], Principal], list[P]]  # a page at a time
    export: ExportSheet[P]
    # one record read or updated (default: `to_public`); leads add what grew from them here
    to_public_one: Callable[[Session, list[M], Principal], list[P]] | None = None
    load: Callable[[Session, Principal, int, bool], M] | None = None  # default: `get_visible`
    history_children: Sequence[type[SQLModel]] = ()  # child tables shown in the record's history
    submit_needs: Missing | None = None  # fields a submitted record must have (drafts may lack them)
    before_transition: Callable[[Session, Principal, M, str], None] | None = None
    create_flushes_later: bool = False  # `create` only adds its row (`records.service.ids_later` may hold it)
    natural_keys: Sequence[str] = ()  # columns a batch item also matches an existing record by (enterprises: USCC)
    docs: Mapping[str, str] = field(default_factory=dict)  # operation → its description
    responses: Mapping[str, dict[int | str, dict[str, Any]]] = field(default_factory=dict)  # operation → extra
    query_filters: type[Any] = field(init=False, repr=False)  # `filters` and the shared `external_id=`

    def __post_init__(self) -> None:
        plural = self.plural or f"{self.name}s"
        defaults = {"plural": plural, "path": f"/api/v1/{plural.replace('_', '-')}", "tag": plural,
                    "param": f"{self.name}_id", "noun": self.name}
        for key, value in defaults.items():
            if not getattr(self, key):
                object.__setattr__(self, key, value)  # frozen: the defaults are filled in once, here
        query: type[Any] = dataclass(type(f"{self.filters.__name__}", (ExternalIdFilter, self.filters), {
            "__doc__": self.filters.__doc__, "__module__": self.filters.__module__}))
        object.__setattr__(self, "query_filters", query)

    @property
    def verified(self) -> bool:
        return issubclass(self.model, VerifiedRecord)

    @property
    def id_column(self) -> QueryableAttribute[Any]:
        return sa_inspect(self.model).attrs["id"].class_attribute  # type: ignore[no-any-return]  # an ORM attribute

    def get(self, session: Session, principal: Principal, record_id: int, *, for_update: bool = False) -> M:
        """The record if the caller may see it; otherwise 404, the same answer as for a missing record."""
        if self.load is not None:
            return self.load(session, principal, record_id, for_update)
        return get_visible(session, self.model, self.id_column, record_id, self.visible(readable_units(principal)),
                           for_update=for_update)

    def list_page(self, session: Session, principal: Principal, filters: F, *, cursor: str | None, limit: int,
             with_total: bool | CountTo) -> Page[M]:
        """The rows the caller may see, filtered and sorted, a page at a time (keyset)."""
        stmt = self.where(session, select(self.model).where(self.visible(readable_units(principal))), filters)
        if external_id := getattr(filters, "external_id", None):
            stmt = stmt.where(external.matching(self.model, principal, [external_id]))
        return keyset_page(session, stmt, id_column=self.id_column, sort=filters.sort, allowed=self.sorts,
                           cursor=cursor, limit=limit, with_total=with_total)

    def public_one(self, session: Session, record: M, principal: Principal) -> P:
        return (self.to_public_one or self.to_public)(session, [record], principal)[0]

    def by_external_id(self, session: Session, principal: Principal, external_id: str) -> M:
        """The caller's own record with this external id (its source's namespace), if visible; 404 otherwise."""
        return get_visible(session, self.model, self.id_column, None, self.visible(readable_units(principal))
                           & external.matching(self.model, principal, [external_id]))

    def transition(self, session: Session, principal: Principal, record: M, action: str, reason: str | None) -> M:
        """A workflow step through `records.service.transition`, after the kind's own `before_transition`."""
        if not isinstance(record, VerifiedRecord):
            raise TypeError(f"{self.name} has no verification workflow")
        if self.before_transition is not None:
            self.before_transition(session, principal, record, action)
        records.transition(session, record, action, principal, reason, missing=self.submit_needs)
        return record


def get_visible(session: Session, model: type[M], id_column: QueryableAttribute[Any], record_id: int | None,
                visible: ColumnElement[bool], *, for_update: bool = False) -> M:
    """`record_id` None: the one row `visible` picks (by external id)."""
    stmt = select(model).where(visible if record_id is None else (id_column == record_id) & visible)
    if for_update:
        stmt = stmt.with_for_update()
    obj = session.exec(stmt).first()
    if obj is None:
        raise NotFound()
    if for_update:
        locked = sa_inspect(obj).identity  # the rollup upkeep need not lock it again
        rowlocks.note(session, model.__table__.name, [int(locked[0])], "update")  # type: ignore[attr-defined]
    return obj
