"""Class changes the figures count go through the office, as a record does.

The enterprise library is shared: a unit editor clearing 世界500强 on an enterprise would move other units'
verified figures at once. So a unit's change to a counted class (`COUNTED_FIELDS`) of an enterprise that a
verified visit or project relies on is kept as a proposal; the office verifies it (the change applies and the
rollups follow) or returns it. The history names who proposed and who verified.
"""

import json
from typing import Any

from sqlmodel import Session, col, select

from app.audit.service import set_action
from app.authz.policy import Action, is_allowed
from app.authz.principal import Principal
from app.core.errors import Conflict
from app.core.models import pk
from app.core.time import utcnow
from app.enterprises.classes import COUNTED_FIELDS
from app.enterprises.models import Enterprise
from app.projects.models import Project, ProjectEnterprise
from app.records.models import Status
from app.visits.models import Visit


def relied_on(session: Session, enterprise_id: int) -> bool:
    """Whether a verified visit or project counts this enterprise's classes."""
    visit = select(Visit.id).where(Visit.enterprise_id == enterprise_id, Visit.status == Status.verified).limit(1)
    project = (select(ProjectEnterprise.project_id).join(Project, col(Project.id) == ProjectEnterprise.project_id)
               .where(ProjectEnterprise.enterprise_id == enterprise_id, Project.status == Status.verified).limit(1))
    return session.exec(visit).first() is not None or session.exec(project).first() is not None


def pending(ent: Enterprise) -> dict[str, Any]:
    return json.loads(ent.proposed_classes) if ent.proposed_classes else {}


def hold_back(session: Session, ent: Enterprise, changes: dict[str, Any], principal: Principal) -> bool:
    """Takes the counted class changes out of `changes` into the enterprise's proposal when they need the office;
    True when the proposal changed. The office's own changes apply at once."""
    counted = {k: v for k, v in changes.items() if k in COUNTED_FIELDS}
    if not counted or is_allowed(principal, Action.records_verify):
        return False
    proposal = pending(ent)
    if not proposal and all(getattr(ent, k) == v for k, v in counted.items()):
        return False
    if not proposal and not relied_on(session, pk(ent)):
        return False
    for key, value in counted.items():
        del changes[key]
        if getattr(ent, key) == value:
            proposal.pop(key, None)  # back to the verified value: nothing left to propose for it
        else:
            proposal[key] = value
    _set(ent, proposal, principal)
    set_action(session, ent, "propose_classes")
    return True


def verify(session: Session, ent: Enterprise, principal: Principal) -> Enterprise:
    proposal = _require(ent)
    for key, value in proposal.items():
        setattr(ent, key, value)
    return _close(session, ent, "verify_classes")


def reject(session: Session, ent: Enterprise) -> Enterprise:
    _require(ent)
    return _close(session, ent, "reject_classes")


def _require(ent: Enterprise) -> dict[str, Any]:
    proposal = pending(ent)
    if not proposal:
        raise Conflict("该企业没有待核实的类别变更", code="no-class-proposal")
    return proposal


def _set(ent: Enterprise, proposal: dict[str, Any], principal: Principal | None) -> None:
    ent.proposed_classes = json.dumps(proposal, ensure_ascii=False, sort_keys=True) if proposal else None
    ent.classes_proposed_by = principal.name[:100] if proposal and principal else None
    ent.classes_proposed_by_unit_id = principal.unit_id if proposal and principal else None
    ent.classes_proposed_at = utcnow() if proposal else None


def _close(session: Session, ent: Enterprise, action: str) -> Enterprise:
    _set(ent, {}, None)
    ent.version += 1
    set_action(session, ent, action)
    session.add(ent)
    session.flush()
    return ent
