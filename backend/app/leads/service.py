"""Leads: entered by one unit (a chamber, say), assigned to another to follow up.

The owner edits everything; the assigned unit sees the lead and may only move its state
(open → converted / closed), which is how it reports back.
"""

from typing import Any

from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.scoping import readable_units, writable_units
from app.core.errors import Forbidden, Unprocessable
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.leads.models import Lead
from app.leads.schemas import LeadCreate, LeadPublic, LeadUpdate
from app.projects.models import Project
from app.projects.visibility import visible as project_visible
from app.records import external
from app.records import service as records
from app.units.models import Cluster, Unit
from app.visits.models import Visit
from app.visits.visibility import visible as visit_visible

NOT_NULL = ("enterprise_id", "source", "received_on", "intended_industry", "contact_name", "contact_phone",
            "description", "state")


def _check_refs(session: Session, fields: dict[str, Any]) -> None:
    if fields.get("enterprise_id") is not None:
        ensure_enterprises(session, [fields["enterprise_id"]])
    if fields.get("assigned_unit_id") is not None:
        unit = session.get(Unit, fields["assigned_unit_id"])
        if unit is None or not unit.active:
            raise Unprocessable("分派单位不存在或已停用", errors=[{"field": "assigned_unit_id", "message": "单位无效"}])
    if fields.get("cluster_id") is not None and session.get(Cluster, fields["cluster_id"]) is None:
        raise Unprocessable("产业集群不存在", errors=[{"field": "cluster_id", "message": "不存在"}])


def create(session: Session, principal: Principal, data: LeadCreate) -> Lead:
    return records.new_record(session, principal, Lead, data, check=lambda fields, _: _check_refs(session, fields))


def update(session: Session, principal: Principal, lead: Lead, data: LeadUpdate) -> Lead:
    changes = data.model_dump(exclude_unset=True)
    writable = writable_units(principal)
    state_only_by_assignee = lead.assigned_unit_id in writable and set(changes) == {"state"}
    if lead.unit_id not in writable and not state_only_by_assignee:
        raise Forbidden("分派单位只能修改线索状态；其他内容由录入单位修改")
    records.reject_nulls(changes, NOT_NULL)
    external.stamp(principal, Lead, changes, lead)
    _check_refs(session, changes)
    return records.save(session, lead, changes)


def to_public(session: Session, leads: list[Lead], _: Principal) -> list[LeadPublic]:
    """A page of leads, as lists show them (without what grew from each)."""
    return with_growth(session, leads, None)


def with_growth(session: Session, leads: list[Lead], principal: Principal | None) -> list[LeadPublic]:
    """With `principal`, also the visits and projects that grew from each lead and that the caller may see."""
    refs = enterprise_refs(session, {lead.enterprise_id for lead in leads})
    visits: dict[int | None, list[int | None]] = {}
    projects: dict[int | None, list[int | None]] = {}
    if principal is not None and leads:
        scope = readable_units(principal)
        ids = [lead.id for lead in leads]
        for vid, lid in session.exec(select(Visit.id, Visit.lead_id).where(
                col(Visit.lead_id).in_(ids), visit_visible(scope)).order_by(col(Visit.id))):
            visits.setdefault(lid, []).append(vid)
        for pid, lid in session.exec(select(Project.id, Project.lead_id).where(
                col(Project.lead_id).in_(ids), project_visible(scope)).order_by(col(Project.id))):
            projects.setdefault(lid, []).append(pid)
    return [LeadPublic.model_validate(lead).model_copy(update={
        "enterprise": refs.get(lead.enterprise_id), "visit_ids": visits.get(lead.id, []),
        "project_ids": projects.get(lead.id, [])}) for lead in leads]
