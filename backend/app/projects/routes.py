"""The projects API: the shared record routes, served from the kind's definition, and the office's funds override."""

from typing import Annotated

from fastapi import Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep
from app.projects import service
from app.projects.kind import PROJECTS
from app.projects.schemas import FundsOverride, ProjectPublic
from app.records.router import record_router

router = record_router(PROJECTS)
Office = Annotated[Principal, allow(Action.records_verify)]


@router.post("/{project_id}/funds-override", response_model=ProjectPublic)
def override_project_funds(project_id: IdPath, data: FundsOverride, session: SessionDep, principal: Office,
                           idem: IdempotencyDep) -> Response:
    """The office lets reported funds pass the total investment, with its reason (kept in the audit history
    as action `funds_override`). Office only; posting again replaces the reason."""
    project = PROJECTS.get(session, principal, project_id, for_update=True)
    project = service.set_funds_override(session, principal, project, data.reason)
    return idem.respond(PROJECTS.public_one(session, project, principal), 200, {"ETag": f'"{project.version}"'})
