"""Projects: entered by the unit that courted them, seen also by the landing and credited units."""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from app.audit.service import set_action
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.errors import Unprocessable
from app.core.models import pk
from app.enterprises.lookup import ensure_enterprises, enterprise_refs
from app.events.models import Event
from app.events.visibility import visible as event_visible
from app.funds.models import FundsReport
from app.leads.models import Lead
from app.leads.visibility import visible as lead_visible
from app.projects import rules
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from app.projects.schemas import CreditPublic, ProjectCreate, ProjectPublic, ProjectUpdate, StageStep
from app.records import external
from app.records import service as records
from app.records.models import Status
from app.units.models import Cluster

L = TypeVar("L", ProjectEnterprise, ProjectCredit)  # a project's link rows

NOT_NULL = ("name", "total_investment")
STAGE_KEYS = ("stage", "negotiating_on", "signed_on", "started_on", "in_production_on", "dropped_on", "drop_reason")


def _check_links(session: Session, principal: Principal, fields: dict[str, Any]) -> None:
    scope = readable_units(principal)
    if fields.get("cluster_id") is not None and session.get(Cluster, fields["cluster_id"]) is None:
        raise Unprocessable("产业集群不存在", errors=[{"field": "cluster_id", "message": "不存在"}])
    if fields.get("lead_id") is not None and session.exec(select(Lead.id).where(
            Lead.id == fields["lead_id"], lead_visible(scope))).first() is None:
        raise Unprocessable("线索不存在", errors=[{"field": "lead_id", "message": "线索不存在或无权查看"}])
    if fields.get("signed_event_id") is not None and session.exec(select(Event.id).where(
            Event.id == fields["signed_event_id"], event_visible(scope))).first() is None:
        raise Unprocessable("活动不存在", errors=[{"field": "signed_event_id", "message": "活动不存在或无权查看"}])
    if "landing_unit_id" in fields:
        rules.check_landing(session, fields["landing_unit_id"])


def _replace(session: Session, model: type[L], project_id: int, rows: list[L], key: Callable[[L], Any]) -> None:
    """Replaces a project's link rows; nothing is written (or audited) when they are the same."""
    existing = list(session.exec(select(model).where(col(model.project_id) == project_id)))
    if sorted(map(key, existing)) == sorted(map(key, rows)):
        return
    for old in existing:
        session.delete(old)
    session.flush()
    session.add_all(rows)


def create(session: Session, principal: Principal, data: ProjectCreate) -> Project:
    unit_id = records.owner_unit_for_create(principal, data.unit_id)
    fields = data.model_dump(exclude={"unit_id", "enterprise_ids", "credits", *STAGE_KEYS})
    external.stamp(principal, Project, fields, session=session)
    _check_links(session, principal, fields)
    ensure_enterprises(session, data.enterprise_ids, field="enterprise_ids")
    credits = [c.model_dump() for c in data.credits] or [{"unit_id": unit_id, "share": rules.HUNDRED}]
    rules.check_credits(session, credits)
    project = Project(**fields, unit_id=unit_id, created_by=principal.name)
    rules.apply_stage(project, {k: v for k, v in data.model_dump(include=set(STAGE_KEYS)).items() if v is not None})
    rules.check_parts(project)
    session.add(project)
    session.flush()
    session.add_all([ProjectEnterprise(project_id=pk(project), enterprise_id=e)
                     for e in dict.fromkeys(data.enterprise_ids)])
    session.add_all([ProjectCredit(project_id=pk(project), **c) for c in credits])
    session.flush()
    return project


def update(session: Session, principal: Principal, project: Project, data: ProjectUpdate) -> Project:
    changes = records.edit(principal, project, data, NOT_NULL, exclude={"enterprise_ids", "credits", *STAGE_KEYS})
    records.reject_nulls(data.model_dump(exclude_unset=True, include={"enterprise_ids", "credits", "stage"}),
                         ("enterprise_ids", "credits", "stage"))
    _check_links(session, principal, changes)
    if data.enterprise_ids is not None:
        ensure_enterprises(session, data.enterprise_ids, field="enterprise_ids")
        links = [ProjectEnterprise(project_id=pk(project), enterprise_id=e) for e in dict.fromkeys(data.enterprise_ids)]
        _replace(session, ProjectEnterprise, pk(project), links, key=lambda r: r.enterprise_id)
    if data.credits is not None:
        credits = [c.model_dump() for c in data.credits]
        rules.check_credits(session, credits)
        _replace(session, ProjectCredit, pk(project), [ProjectCredit(project_id=pk(project), **c) for c in credits],
                 key=lambda r: (r.unit_id, r.share))
    rules.apply_stage(project, data.model_dump(exclude_unset=True, include=set(STAGE_KEYS)))
    records.apply_changes(project, changes)
    rules.check_parts(project)
    if "total_investment" in changes:
        rules.check_funds_within_total(session, project)
    session.add(project)
    session.flush()
    return project


def set_funds_override(session: Session, principal: Principal, project: Project, reason: str) -> Project:
    """The office lets this project's reported funds pass its total investment (named in the audit history)."""
    project.funds_override_reason, project.funds_override_by = reason, principal.name
    project.version += 1
    set_action(session, project, "funds_override")
    session.add(project)
    session.flush()
    return project


def to_public(session: Session, projects: list[Project], _: Principal) -> list[ProjectPublic]:
    """Enterprises, credits and the funds totals for a whole page in four queries."""
    ids = [p.id for p in projects]
    ents: dict[int, list[int]] = defaultdict(list)
    credits: dict[int, list[CreditPublic]] = defaultdict(list)
    funds: dict[int | None, tuple[Decimal | None, Decimal | None]] = {}
    if ids:
        for pid, eid in session.exec(select(ProjectEnterprise.project_id, ProjectEnterprise.enterprise_id)
                                     .where(col(ProjectEnterprise.project_id).in_(ids))):
            ents[pid].append(eid)
        for c in session.exec(select(ProjectCredit).where(col(ProjectCredit.project_id).in_(ids))
                              .order_by(col(ProjectCredit.share).desc(), col(ProjectCredit.unit_id))):
            credits[c.project_id].append(CreditPublic(unit_id=c.unit_id, share=c.share))
        verified = case((col(FundsReport.status) == Status.verified, col(FundsReport.amount)), else_=None)
        funds = {pid: (reported, ok) for pid, reported, ok in session.exec(
            select(FundsReport.project_id, func.sum(FundsReport.amount), func.sum(verified))
            .where(col(FundsReport.project_id).in_(ids), FundsReport.status != Status.returned)
            .group_by(col(FundsReport.project_id)))}
    refs = enterprise_refs(session, {e for v in ents.values() for e in v})
    zero = Decimal("0")
    return [ProjectPublic.model_validate(p).model_copy(update={
        "enterprises": [refs[e] for e in sorted(ents[pk(p)]) if e in refs], "credits": credits[pk(p)],
        "timeline": [StageStep(stage=stage, label=rules.STAGE_ZH[stage], on=day) for stage, day in rules.timeline(p)],
        "funds_reported": funds.get(p.id, (zero, zero))[0] or zero,
        "funds_verified": funds.get(p.id, (zero, zero))[1] or zero}) for p in projects]
