"""Leads: entered by one unit (a chamber, say), assigned to another to follow up.

The owner edits everything; the assigned unit sees the lead and may only move its state
(open → converted / closed), which is how it reports back.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from app.authz import visibility
from app.authz.principal import Principal
from app.authz.scoping import readable_units, writable_units
from app.core import search
from app.core.errors import Forbidden, Unprocessable
from app.core.filters import where_between, where_equal
from app.core.pagination import CountTo, Page, keyset_page
from app.enterprises.classes import class_column
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.enterprises.models import Enterprise
from app.leads.models import Lead
from app.leads.schemas import LeadCreate, LeadPublic, LeadUpdate
from app.projects.models import Project
from app.records import service as records
from app.units.models import Cluster, Unit
from app.visits.models import Visit

SORTS = {"received_on": col(Lead.received_on), "created_at": col(Lead.created_at), "updated_at": col(Lead.updated_at),
         "id": col(Lead.id)}
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


def get(session: Session, principal: Principal, lead_id: int, *, for_update: bool = False) -> Lead:
    return records.get_visible(session, Lead, lead_id, principal, visibility.leads, for_update=for_update)


def create(session: Session, principal: Principal, data: LeadCreate) -> Lead:
    unit_id = records.owner_unit_for_create(principal, data.unit_id)
    fields = data.model_dump(exclude={"unit_id"})
    _check_refs(session, fields)
    lead = Lead(**fields, unit_id=unit_id, created_by=principal.name)
    session.add(lead)
    session.flush()
    return lead


def update(session: Session, principal: Principal, lead: Lead, data: LeadUpdate) -> Lead:
    changes = data.model_dump(exclude_unset=True)
    writable = writable_units(principal)
    state_only_by_assignee = lead.assigned_unit_id in writable and set(changes) == {"state"}
    if lead.unit_id not in writable and not state_only_by_assignee:
        raise Forbidden("分派单位只能修改线索状态；其他内容由录入单位修改")
    records.reject_nulls(changes, NOT_NULL)
    _check_refs(session, changes)
    records.apply_changes(lead, changes)
    session.add(lead)
    session.flush()
    return lead


def list_leads(session: Session, principal: Principal, *, unit_id: int | None, assigned_unit_id: int | None,
               source: str | None, state: str | None, cluster_id: int | None, date_from: date | None,
               date_to: date | None, enterprise_id: int | None, enterprise_class: str | None,
               amount_min: Decimal | None, amount_max: Decimal | None, q: str | None,
               sort: str, cursor: str | None, limit: int, with_total: bool | CountTo) -> Page[Lead]:
    stmt = select(Lead).where(visibility.leads(readable_units(principal)))
    stmt = where_equal(stmt, ((col(Lead.unit_id), unit_id), (col(Lead.assigned_unit_id), assigned_unit_id),
                              (Lead.source, source), (Lead.state, state), (Lead.cluster_id, cluster_id),
                              (Lead.enterprise_id, enterprise_id)))
    stmt = where_between(stmt, col(Lead.received_on), date_from, date_to)
    stmt = where_between(stmt, col(Lead.intended_amount), amount_min, amount_max)
    if enterprise_class:
        stmt = stmt.where(col(Lead.enterprise_id).in_(select(Enterprise.id).where(
            class_column(enterprise_class).is_(True))))
    if q:
        named = select(Enterprise.id).where(search.contains(Enterprise.name, q))
        stmt = stmt.where(search.matching(session, Lead.id, [
            col(Lead.enterprise_id).in_(named), search.contains(Lead.description, q),
            search.contains(Lead.contact_name, q)]))
    return keyset_page(session, stmt, id_column=col(Lead.id), sort=sort, allowed=SORTS, cursor=cursor,
                       limit=limit, with_total=with_total)


def to_public(session: Session, leads: list[Lead], principal: Principal | None = None) -> list[LeadPublic]:
    """With `principal`, also the visits and projects that grew from each lead and that the caller may see."""
    refs = enterprise_refs(session, {lead.enterprise_id for lead in leads})
    visits: dict[int | None, list[int | None]] = {}
    projects: dict[int | None, list[int | None]] = {}
    if principal is not None and leads:
        scope = readable_units(principal)
        ids = [lead.id for lead in leads]
        for vid, lid in session.exec(select(Visit.id, Visit.lead_id).where(
                col(Visit.lead_id).in_(ids), visibility.visits(scope)).order_by(col(Visit.id))):
            visits.setdefault(lid, []).append(vid)
        for pid, lid in session.exec(select(Project.id, Project.lead_id).where(
                col(Project.lead_id).in_(ids), visibility.projects(scope)).order_by(col(Project.id))):
            projects.setdefault(lid, []).append(pid)
    return [LeadPublic.model_validate(lead).model_copy(update={
        "enterprise": refs.get(lead.enterprise_id), "visit_ids": visits.get(lead.id, []),
        "project_ids": projects.get(lead.id, [])}) for lead in leads]
