from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.conflicts import exports, service
from app.conflicts.schemas import ConflictPublic, ConflictsPublic, DecisionCreate
from app.core import xlsx
from app.core.deps import SessionDep
from app.idempotency.service import IdempotencyDep

router = APIRouter(prefix="/api/v1/conflicts", tags=["conflicts"])
Office = Annotated[Principal, allow(Action.conflicts_manage)]


@dataclass
class ConflictFilters:
    """The list's filters, shared by the list and its export."""

    include_decided: bool = False


Filters = Annotated[ConflictFilters, Depends()]


@router.get("", response_model=ConflictsPublic)
def list_conflicts(session: SessionDep, _: Office, filters: Filters) -> ConflictsPublic:
    """Suspected double claims and duplicate enterprises, computed from the data as it is now."""
    return ConflictsPublic(data=service.list_conflicts(session, filters.include_decided))


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_conflicts(session: SessionDep, principal: Office, filters: Filters) -> Response:
    """The same conflicts as the list, as an Excel workbook, one row per pair."""
    rows = xlsx.all_rows(service.list_conflicts(session, filters.include_decided))
    return exports.workbook(session, principal, rows)


@router.post("/decisions", response_model=ConflictPublic, status_code=201)
def decide_conflict(data: DecisionCreate, session: SessionDep, principal: Office, idem: IdempotencyDep) -> Response:
    """Records the office's decision and why; the conflict then leaves the open list."""
    decision = service.decide(session, principal, data)
    current = next(c for c in service.detect(session) if c.key == decision.key)
    return idem.respond(current.model_copy(update={"decision": decision.decision, "decision_reason": decision.reason,
                                                   "decided_by": decision.decided_by,
                                                   "decided_at": decision.decided_at}), 201)
