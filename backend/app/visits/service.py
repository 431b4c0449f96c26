"""Visits: what creating and changing one checks, and what its answer adds (the enterprise's name)."""

from typing import Any

from sqlmodel import Session, select

from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.errors import Unprocessable
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.leads.models import Lead
from app.leads.visibility import visible as lead_visible
from app.records import service as records
from app.visits.models import Visit
from app.visits.schemas import VisitCreate, VisitPublic, VisitUpdate


def _check_links(session: Session, principal: Principal, data: dict[str, Any]) -> None:
    if "enterprise_id" in data and data["enterprise_id"] is not None:
        ensure_enterprises(session, [data["enterprise_id"]])
    if data.get("lead_id") is not None:
        lead = session.exec(select(Lead.id).where(Lead.id == data["lead_id"],
                                                  lead_visible(readable_units(principal)))).first()
        if lead is None:
            raise Unprocessable("线索不存在", errors=[{"field": "lead_id", "message": "线索不存在或无权查看"}])


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


def to_public(session: Session, visits: list[Visit], _: Principal) -> list[VisitPublic]:
    refs = enterprise_refs(session, {v.enterprise_id for v in visits})
    return [VisitPublic.model_validate(v).model_copy(update={"enterprise": refs.get(v.enterprise_id)}) for v in visits]
