"""The enterprise library as a record kind: shared by everyone (no unit owns it, every reader reads it), so its
visibility is everything; no verification workflow. Duplicate checks, class review and merging stay in `service`
and `class_review`, and the routes they need are added to the kind's router (`routes`)."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query
from sqlalchemy import ColumnElement, or_, true
from sqlmodel import Session, col

from app.authz.principal import Principal
from app.authz.scoping import UnitScope
from app.core.typing import AnySelect
from app.enterprises import exports, service
from app.enterprises.classes import EnterpriseClass, class_column
from app.enterprises.identity import normalize_name
from app.enterprises.models import Enterprise
from app.enterprises.schemas import EnterpriseCreate, EnterprisePublic, EnterprisesPublic, EnterpriseUpdate
from app.records.kind import RecordKind
from app.records.schemas import SearchText

Short = Annotated[str | None, Query(max_length=50)]
SORTS = {"name": col(Enterprise.name), "created_at": col(Enterprise.created_at), "id": col(Enterprise.id)}


@dataclass
class EnterpriseFilters:
    """The list's filters and sort, shared by the list and its export."""

    q: SearchText = None
    enterprise_class: EnterpriseClass | None = None
    province: Short = None
    city: Short = None
    industry: Short = None
    include_merged: bool = False
    classes_pending: Annotated[bool, Query(description="只列有待核实类别变更的企业")] = False
    sort: Annotated[str, Query(max_length=20, description="name / created_at / id，前加 - 为倒序")] = "name"


def visible(_: UnitScope) -> ColumnElement[bool]:
    """The library is shared: whoever may read records reads every enterprise."""
    return true()


def where(_: Session, stmt: AnySelect, f: EnterpriseFilters) -> AnySelect:
    if not f.include_merged:
        stmt = stmt.where(col(Enterprise.merged_into_id).is_(None))
    if f.classes_pending:
        stmt = stmt.where(col(Enterprise.proposed_classes).is_not(None))
    if f.q:
        stmt = stmt.where(or_(col(Enterprise.name).contains(f.q, autoescape=True),
                              col(Enterprise.former_names).contains(f.q, autoescape=True),
                              col(Enterprise.uscc).contains(f.q.upper(), autoescape=True),
                              col(Enterprise.name_norm) == normalize_name(f.q)))
    if f.enterprise_class:
        stmt = stmt.where(class_column(f.enterprise_class).is_(True))
    for column, value in ((col(Enterprise.province), f.province), (col(Enterprise.city), f.city),
                          (col(Enterprise.industry), f.industry)):
        if value:
            stmt = stmt.where(column == value)
    return stmt


def load(session: Session, _: Principal, enterprise_id: int, for_update: bool) -> Enterprise:
    return service.get(session, enterprise_id, for_update=for_update)


def update(session: Session, principal: Principal, ent: Enterprise, data: EnterpriseUpdate) -> Enterprise:
    return service.update_enterprise(session, ent, data, principal)


def to_public(_: Session, rows: list[Enterprise], __: Principal) -> list[EnterprisePublic]:
    return [EnterprisePublic.model_validate(e) for e in rows]


ENTERPRISES = RecordKind(
    name="enterprise",
    model=Enterprise, create_schema=EnterpriseCreate, update_schema=EnterpriseUpdate, public_schema=EnterprisePublic,
    list_schema=EnterprisesPublic, filters=EnterpriseFilters, visible=visible, where=where, sorts=SORTS,
    create=service.create, update=update, to_public=to_public, export=exports.SHEET, load=load, natural_keys=("uscc",),
    docs={
        "update": """
        A new name keeps the old one among the former names. A unit's change of a class the figures count
        (世界500强, 央企, 中国500强, 行业冠军, 协会/商会) on an enterprise that verified records rely on is kept
        in `proposed_classes` until the office verifies it; figures keep the verified classes meanwhile.""",
        "history": """
        Who changed the enterprise, when, and the values before and after (renames, merges), newest first
        (see `record_history`). The library is shared, so every reader may read it.""",
    },
    responses={"create": {409: {"description": "可能重复：返回 candidates"}}},
)
