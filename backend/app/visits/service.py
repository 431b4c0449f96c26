"""Visits: create, read, list, update and move through verification."""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from app.authz import visibility
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core import search
from app.core.errors import Unprocessable
from app.core.filters import where_between, where_equal
from app.core.pagination import CountTo, Page, keyset_page
from app.enterprises.classes import class_column
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.enterprises.models import Enterprise
from app.leads.models import Lead
from app.records import service as records
from app.visits.models import Visit
from app.visits.schemas import VisitCreate, VisitPublic, VisitUpdate

SORTS = {"visit_date": col(Visit.visit_date), "created_at": col(Visit.created_at), "updated_at": col(Visit.updated_at),
         "id": col(Visit.id)}


def _check_links(session: Session, principal: Principal, data: dict[str, Any]) -> None:
    if "enterprise_id" in data and data["enterprise_id"] is not None:
        ensure_enterprises(session, [data["enterprise_id"]])
    if data.get("lead_id") is not None:
        lead = session.exec(select(Lead.id).where(Lead.id == data["lead_id"],
                                                  visibility.leads(readable_units(principal)))).first()
        if lead is None:
            raise Unprocessable("线索不存在", errors=[{"field": "lead_id", "message": "线索不存在或无权查看"}])


def get(session: Session, principal: Principal, visit_id: int, *, for_update: bool = False) -> Visit:
    return records.get_visible(session, Visit, visit_id, principal, visibility.visits, for_update=for_update)


def create(session: Session, principal: Principal, data: VisitCreate) -> Visit:
    unit_id = records.owner_unit_for_create(principal, data.unit_id)
    fields = data.model_dump(exclude={"unit_id"})
    _check_links(session, principal, fields)
    visit = Visit(**fields, unit_id=unit_id, created_by=principal.name)
    session.add(visit)
    session.flush()
    return visit


def update(session: Session, principal: Principal, visit: Visit, data: VisitUpdate) -> Visit:
    records.ensure_owner_can_write(principal, visit)
    records.ensure_editable(visit)
    changes = data.model_dump(exclude_unset=True)
    records.reject_nulls(changes, ("enterprise_id", "visit_date", "region", "leader_level"))
    _check_links(session, principal, changes)
    records.apply_changes(visit, changes)
    session.add(visit)
    session.flush()
    return visit


def list_visits(
    session: Session, principal: Principal, *, unit_id: int | None, status: str | None, region: str | None,
    date_from: date | None, date_to: date | None, enterprise_id: int | None, lead_id: int | None,
    enterprise_class: str | None, q: str | None, sort: str, cursor: str | None, limit: int, with_total: bool | CountTo,
) -> Page[Visit]:
    stmt = select(Visit).where(visibility.visits(readable_units(principal)))
    stmt = where_equal(stmt, ((col(Visit.unit_id), unit_id), (col(Visit.status), status), (col(Visit.region), region),
                              (Visit.enterprise_id, enterprise_id), (Visit.lead_id, lead_id)))
    stmt = where_between(stmt, col(Visit.visit_date), date_from, date_to)
    if enterprise_class:
        classed = select(Enterprise.id).where(class_column(enterprise_class).is_(True))
        stmt = stmt.where(col(Visit.enterprise_id).in_(classed))
    if q:
        named = select(Enterprise.id).where(search.contains(Enterprise.name, q))
        stmt = stmt.where(search.matching(session, Visit.id, [
            col(Visit.enterprise_id).in_(named), search.contains(Visit.place, q), search.contains(Visit.outcome, q)]))
    return keyset_page(session, stmt, id_column=col(Visit.id), sort=sort, allowed=SORTS, cursor=cursor,
                       limit=limit, with_total=with_total)


def to_public(session: Session, visits: list[Visit]) -> list[VisitPublic]:
    refs = enterprise_refs(session, {v.enterprise_id for v in visits})
    return [VisitPublic.model_validate(v).model_copy(update={"enterprise": refs.get(v.enterprise_id)}) for v in visits]
