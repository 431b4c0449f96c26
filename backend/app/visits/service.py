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
    return records.new_record(session, principal, Visit, data, check=lambda fields, _: _check_links(
        session, principal, fields))


def update(session: Session, principal: Principal, visit: Visit, data: VisitUpdate) -> Visit:
    changes = records.edit(principal, visit, data, ("enterprise_id", "visit_date", "region", "leader_level"))
    _check_links(session, principal, changes)
    return records.save(session, visit, changes)


def to_public(session: Session, visits: list[Visit], _: Principal) -> list[VisitPublic]:
    refs = enterprise_refs(session, {v.enterprise_id for v in visits})
    return [VisitPublic.model_validate(v).model_copy(update={"enterprise": refs.get(v.enterprise_id)}) for v in visits]
