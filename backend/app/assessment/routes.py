from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from app.assessment import service
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.errors import Unprocessable
from app.core.schemas import Id, InputModel, OutputModel
from app.idempotency.service import IdempotencyDep
from app.progress import service as progress
from app.units.models import Unit

router = APIRouter(prefix="/api/v1/assessment", tags=["assessment"])
Reader = Annotated[Principal, allow(Action.progress_city_read)]
Office = Annotated[Principal, allow(Action.quarters_manage)]
YearPath = Annotated[int, Path(ge=2000, le=2100, description="年度")]


class SchemeUpdate(InputModel):
    weights: dict[Annotated[str, Field(max_length=20)], Annotated[str, Field(pattern=r"^\d{1,4}(\.\d{1,2})?$")]] = {}
    default_weight: Annotated[str, Field(pattern=r"^\d{1,4}(\.\d{1,2})?$")] = "1"
    cap: Annotated[str, Field(pattern=r"^\d{1,2}(\.\d{1,2})?$")] = "1.2"
    bonus_per_target_met: Annotated[str, Field(pattern=r"^\d{1,3}(\.\d{1,2})?$")] = "0"


class SchemePublic(BaseModel):
    """The year's scoring scheme as saved (defaults filled in); amounts as decimal strings."""

    weights: dict[str, str]
    default_weight: str
    cap: str
    bonus_per_target_met: str


class VetoPublic(OutputModel):
    id: int
    year: int
    unit_id: int
    reason: str
    set_by: str
    lifted_at: datetime | None
    lifted_by: str | None
    lift_reason: str | None


class VetoCreate(InputModel):
    unit_id: Id
    reason: Annotated[str, Field(min_length=1, max_length=1000)]


class TargetWorking(BaseModel):
    """One target's part of a unit's score; figures as decimal strings."""

    code: str
    title_zh: str
    actual: str
    threshold: str
    ratio: str
    capped: str
    weight: str
    met: bool


class UnitScore(BaseModel):
    unit_id: int
    unit_name: str
    unit_type: str
    working: list[TargetWorking]
    base_score: str
    targets_met: int
    veto_reason: str | None
    score: str
    rank: int


class AssessmentPublic(BaseModel):
    year: int
    snapshot_id: int
    content_hash: str
    config: SchemePublic
    results: list[UnitScore]


@router.get("/{year}", response_model=AssessmentPublic)
def get_assessment(year: YearPath, session: SessionDep, _: Reader,
                   unit_type: Annotated[str, Query(pattern="^(territorial|industry_group|department|chamber)$")]
                   = "territorial", target_set_id: Id | None = None) -> AssessmentPublic:
    """Scores per unit from the Q4 snapshot, with the working per target and any veto."""
    target_set = progress.get_target_set(session, target_set_id)
    return AssessmentPublic(**service.assess(session, target_set, year, progress.unit_types_of(unit_type)))


@router.put("/{year}/scheme", response_model=SchemePublic)
def set_scoring_scheme(year: YearPath, data: SchemeUpdate, session: SessionDep, _: Office,
                       target_set_id: Id | None = None) -> SchemePublic:
    target_set = progress.get_target_set(session, target_set_id)
    service.save_scheme(session, target_set, year, data.model_dump())
    return SchemePublic.model_validate(service.scheme_config(session, target_set, year))


@router.post("/{year}/vetoes", status_code=201, response_model=VetoPublic)
def set_veto(year: YearPath, data: VetoCreate, session: SessionDep, principal: Office,
             idem: IdempotencyDep) -> Response:
    """一票否决: the unit's score for the year becomes 0, with the reason shown beside it."""
    if session.get(Unit, data.unit_id) is None:
        raise Unprocessable("单位不存在", errors=[{"field": "unit_id", "message": "单位不存在"}])
    veto = service.set_veto(session, year, data.unit_id, data.reason, principal.name)
    return idem.respond(VetoPublic.model_validate(veto), 201)


class VetoLift(InputModel):
    reason: Annotated[str, Field(min_length=1, max_length=1000, description="撤销一票否决的原因")]


@router.post("/{year}/vetoes/{unit_id}/lift", response_model=VetoPublic)
def lift_veto(year: YearPath, unit_id: Annotated[int, Path(ge=1, le=2**31 - 1)], data: VetoLift,
              session: SessionDep, principal: Office, idem: IdempotencyDep) -> Response:
    """Lifts a unit's veto for the year (e.g. set by mistake, or overturned): the score counts again; the veto
    and the reason it was lifted stay on record."""
    veto = service.lift_veto(session, year, unit_id, data.reason, principal.name)
    return idem.respond(VetoPublic.model_validate(veto), 200)
