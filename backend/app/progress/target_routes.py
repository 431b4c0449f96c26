"""The plan's HTTP routes: target sets, targets and counting rules (app.targets holds their logic).

They live in progress because a new target names a metric of the progress registry and new counting rules
rebuild the rollups — both above the plan, which progress reads.
"""

from typing import Annotated

from fastapi import APIRouter, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import jobs
from app.core.deps import SessionDep
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep
from app.progress import rollup
from app.progress.jobs import rebuild_rollups
from app.progress.metrics import REGISTRY
from app.targets import rules as rules_mod
from app.targets import service
from app.targets.schemas import (
    RulesUpdate,
    RuleVersionPublic,
    RuleVersionsPublic,
    TargetCreate,
    TargetPublic,
    TargetSetCreate,
    TargetSetPublic,
    TargetSetsPublic,
    TargetUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["targets"])
Reader = Annotated[Principal, allow(Action.progress_read)]
Office = Annotated[Principal, allow(Action.targets_manage)]


@router.get("/target-sets", response_model=TargetSetsPublic)
def list_target_sets(session: SessionDep, _: Reader) -> TargetSetsPublic:
    return TargetSetsPublic(data=[TargetSetPublic.model_validate(s).model_copy(
        update={"targets": [TargetPublic.model_validate(t) for t in ts]}) for s, ts in service.list_sets(session)])


@router.post("/target-sets", response_model=TargetSetPublic, status_code=201)
def create_target_set(data: TargetSetCreate, session: SessionDep, _: Office, idem: IdempotencyDep) -> Response:
    """A new plan period; `copy_from_id` starts it with another period's targets."""
    return idem.respond(TargetSetPublic.model_validate(service.create_set(session, data)), 201)


@router.post("/target-sets/{set_id}/targets", response_model=TargetPublic, status_code=201)
def add_target(set_id: IdPath, data: TargetCreate, session: SessionDep, _: Office, idem: IdempotencyDep) -> Response:
    """Also how one unit's threshold is adjusted: a target with applies_to=unit and the same code."""
    target = service.add_target(session, service.get_set(session, set_id), data, REGISTRY)
    return idem.respond(TargetPublic.model_validate(target), 201)


@router.patch("/targets/{target_id}", response_model=TargetPublic)
def update_target(target_id: IdPath, data: TargetUpdate, session: SessionDep, _: Office) -> TargetPublic:
    return TargetPublic.model_validate(service.update_target(session, target_id, data))


@router.get("/rules", response_model=RuleVersionPublic)
def get_rules(session: SessionDep, _: Reader) -> RuleVersionPublic:
    return service.current_rules(session)


@router.get("/rules/versions", response_model=RuleVersionsPublic)
def list_rule_versions(session: SessionDep, _: Reader) -> RuleVersionsPublic:
    return RuleVersionsPublic(data=service.rule_versions(session))


@router.post("/rules", response_model=RuleVersionPublic, status_code=201)
def set_rules(data: RulesUpdate, session: SessionDep, principal: Office, idem: IdempotencyDep) -> Response:
    """A new version of the counting rules. Frozen quarters keep the version they were computed with.

    Slices whose counting changed are built in the background; until they are complete the figures keep the
    rules in force before and say so (`rules_pending`), so writers are never held up for a whole rebuild."""
    row = rules_mod.save(session, data.rules, reason=data.reason, actor=principal.name)
    if rollup.rules_changed(session, data.rules):
        jobs.after_commit(session, rebuild_rollups)
    public = service.rule_version_public(row.id, data.rules, row.reason, row.created_by, row.created_at)
    return idem.respond(public, 201)
