"""External ids: the id another system gives a record, so it can find, update and re-push it without duplicates.

An external id belongs to a *source*: an API client's ids are its own (`client:<id>`), a person's are their unit's
(`unit:<id>`), so two editors of one unit share one namespace and a re-push by a colleague finds the same record.
It is unique per (source, table) — a real unique index (`core.indexes.external`) — and every lookup by external
id (`by-external-id`, the list filter, batch upsert) reads the caller's own namespace only.
"""

from collections.abc import Iterable
from typing import Annotated, Any, TypeVar

from fastapi import Path, Query
from pydantic import Field
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import object_session
from sqlmodel import SQLModel, col, select

from app.authz.principal import Principal
from app.core.errors import Conflict

M = TypeVar("M", bound=SQLModel)

ExternalId = Annotated[str, Field(min_length=1, max_length=100, description=(
    "外部系统自己的编号（最多 100 字符）；在同一来源（接口客户端，或人员所在单位）、同一类记录内唯一"))]
ExternalIdPath = Annotated[str, Path(min_length=1, max_length=100, description=(
    "外部编号（本来源的；含“/”的编号请改用列表的 external_id= 筛选）"))]
ExternalIdQuery = Annotated[str | None, Query(min_length=1, max_length=100,
                                              description="外部编号（仅查本来源的，即本客户端或本单位录入的）")]


def source_of(principal: Principal) -> str:
    """Whose namespace the caller's external ids live in: the API client, or a person's unit."""
    if principal.kind == "client":
        return f"client:{principal.id}"
    if principal.unit_id is not None:
        return f"unit:{principal.unit_id}"
    return f"{principal.kind}:{principal.id}"


def matching(model: type[M], principal: Principal, external_ids: Iterable[str]) -> Any:
    """The clause for the caller's records with one of these external ids."""
    ids = list(external_ids)
    clause = col(model.external_id).in_(ids) if len(ids) != 1 else col(model.external_id) == ids[0]  # type: ignore[attr-defined]
    return clause & (col(model.external_source) == source_of(principal))  # type: ignore[attr-defined]


def stamp(principal: Principal, model: type[SQLModel], fields: dict[str, Any], current: Any = None,
          session: OrmSession | None = None) -> None:
    """Adds `external_source` beside an `external_id` being written (clears it with the id) and refuses an id
    the caller's source already gave another record of this table (409 `external-id-taken`; the unique index
    settles a race the same way). `current`: the record being updated. Keeps the source of an unchanged id."""
    if "external_id" not in fields:
        return
    external_id = fields["external_id"]
    if external_id is None:
        fields["external_source"] = None
        return
    if current is not None and current.external_id == external_id:
        return
    session = session or object_session(current)
    if session is None:
        raise ValueError("stamp needs a session")
    fields["external_source"] = source_of(principal)
    if (model.__tablename__, fields["external_source"], external_id) in session.info.pop(_FREE, set()):
        return  # the batch just looked (and the unique index still settles a race)
    taken = session.execute(select(col(model.id)).where(matching(model, principal, [external_id]))).scalar()  # type: ignore[attr-defined]
    if taken is not None:
        raise Conflict(f"外部编号“{external_id}”已用于本来源的另一条记录（编号 {taken}）", code="external-id-taken",
                       existing_id=taken)


_FREE = "external_ids_free"  # session.info: the one (table, source, id) a batch has just found unused


def known_free(session: OrmSession, model: type[SQLModel], principal: Principal, external_id: str) -> None:
    """Tells the next `stamp` that this id is unused (the batch looked for all of its ids at once)."""
    session.info[_FREE] = {(model.__tablename__, source_of(principal), external_id)}
