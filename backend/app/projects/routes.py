from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from app.audit import queries as audit
from app.audit.schemas import AuditEventsPublic
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import xlsx
from app.core.deps import SessionDep
from app.core.etag import require_if_match, set_etag
from app.core.schemas import Id, IdPath
from app.enterprises.classes import EnterpriseClass
from app.idempotency.service import IdempotencyDep
from app.projects import exports, rules, service
from app.projects.models import AdvancedClass, FourNew, Project, ProjectCredit, ProjectEnterprise, Stage
from app.projects.schemas import FundsOverride, ProjectCreate, ProjectPublic, ProjectsPublic, ProjectUpdate
from app.records import service as records
from app.records.models import Status
from app.records.routes import add_draft_delete
from app.records.schemas import Paging, SearchText, TransitionRequest, UnitFilter

router = APIRouter(prefix="/api/projects", tags=["projects"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Transitioner = Annotated[Principal, allow(Action.records_transition)]
Office = Annotated[Principal, allow(Action.records_verify)]
Amount = Annotated[Decimal | None, Query(ge=0, le=Decimal("99999999999999.99"), description="万元")]
Sort = Annotated[str, Query(max_length=30,
                            description="total_investment / created_at / updated_at / id，前加 - 为倒序")]


@dataclass
class ProjectFilters:
    """The list's filters and sort, shared by the list and its export."""

    unit_id: UnitFilter = None
    landing_unit_id: Id | None = None
    credited_unit_id: Id | None = None
    stage: Stage | None = None
    status: Status | None = None
    cluster_id: Id | None = None
    four_new: FourNew | None = None
    advanced_class: AdvancedClass | None = None
    enterprise_id: Annotated[Id | None, Query(description="项目企业之一")] = None
    enterprise_class: EnterpriseClass | None = None
    signed_from: date | None = None
    signed_to: date | None = None
    amount_min: Amount = None
    amount_max: Amount = None
    q: SearchText = None
    sort: Sort = "-created_at"


@dataclass
class ProjectQuery(Paging, ProjectFilters):
    """The list's filters, then its paging."""


Filters = Annotated[ProjectFilters, Depends()]


@router.get("", response_model=ProjectsPublic)
def list_projects(session: SessionDep, principal: Reader, query: Annotated[ProjectQuery, Depends()]) -> ProjectsPublic:
    """Projects the caller may see (own, landing or credited unit; the city sees all). `unit_id` is the owner,
    `signed_from/to` the signing date, `amount_min/max` the total investment (万元), `q` the project or an
    enterprise name. Sorting by signing date is not offered (it is empty before signing)."""
    page = service.list_projects(session, principal, **asdict(query))
    return ProjectsPublic(data=service.to_public(session, page.items), **page.meta())


@router.get("/export.xlsx", response_class=Response, responses=xlsx.RESPONSES)
def export_projects(session: SessionDep, principal: Reader, filters: Filters) -> Response:
    """Every project the list shows for the same filters, in the same order, as an Excel workbook (at most
    50,000 rows; more is 422 — narrow the filters)."""
    rows = xlsx.keyset_batches(
        lambda cursor, limit, with_total: service.list_projects(session, principal, **asdict(filters), cursor=cursor,
                                                                limit=limit, with_total=with_total),
        lambda items: service.to_public(session, items))
    return exports.workbook(session, principal, rows)


@router.post("", response_model=ProjectPublic, status_code=201)
def create_project(data: ProjectCreate, session: SessionDep, principal: Writer, idem: IdempotencyDep) -> Response:
    """A new project (draft). At least one enterprise; the landing unit is a county or development zone;
    credit shares add up to exactly 100 % (left out: 100 % to the entering unit). The stage may start past
    在谈; each reached stage gets a date (see PATCH for the rules)."""
    project = service.create(session, principal, data)
    return idem.respond(service.to_public(session, [project])[0], 201, {"ETag": f'"{project.version}"'})


@router.get("/{project_id}", response_model=ProjectPublic)
def get_project(project_id: IdPath, session: SessionDep, principal: Reader, response: Response) -> ProjectPublic:
    project = service.get(session, principal, project_id)
    set_etag(response, project)
    return service.to_public(session, [project])[0]


@router.patch("/{project_id}", response_model=ProjectPublic,
              responses={412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}})
def update_project(project_id: IdPath, data: ProjectUpdate, request: Request, response: Response,
                   session: SessionDep, principal: Writer) -> ProjectPublic:
    """Changes a draft or returned project; only its own unit may. Needs If-Match (the ETag).

    **Stage changes go through here** (no separate endpoint, so a stage and its date change in one
    versioned write): send `stage` and, optionally, the dates. The stage moves forward only along
    negotiating → signed → started → in_production (skipping ahead is allowed), or to `dropped` with a
    `drop_reason` from any stage but in_production; a dropped project stays dropped. A reached stage
    without a date takes the date of the next reached stage given one (nothing else is filled in: submitting
    needs every reached stage's date); a stage not reached may not carry
    a date; dates never go backwards along the chain. Lowering the total investment below the funds already
    reported is refused (funds-over-total) unless the office recorded an override."""
    project = service.get(session, principal, project_id, for_update=True)
    require_if_match(request, project)
    project = service.update(session, principal, project, data)
    set_etag(response, project)
    return service.to_public(session, [project])[0]


@router.post("/{project_id}/transitions", response_model=ProjectPublic)
def transition_project(project_id: IdPath, data: TransitionRequest, session: SessionDep, principal: Transitioner,
                       idem: IdempotencyDep) -> Response:
    """submit / withdraw (the owner unit); verify / return / reopen (the office, never for its own records).
    Submitting needs what the figures read (422 `incomplete`, each missing field in `errors`): a total investment
    above 0, the date of every stage reached, and the landing unit once signed (or for a county's own project)."""
    project = service.get(session, principal, project_id, for_update=True)
    project = records.transition(session, project, data.action, principal, data.reason,
                                 missing=rules.missing_for_submit)
    return idem.respond(service.to_public(session, [project])[0], 200, {"ETag": f'"{project.version}"'})


@router.post("/{project_id}/funds-override", response_model=ProjectPublic)
def override_project_funds(project_id: IdPath, data: FundsOverride, session: SessionDep, principal: Office,
                           idem: IdempotencyDep) -> Response:
    """The office lets reported funds pass the total investment, with its reason (kept in the audit history
    as action `funds_override`). Office only; posting again replaces the reason."""
    project = service.get(session, principal, project_id, for_update=True)
    project = service.set_funds_override(session, principal, project, data.reason)
    return idem.respond(service.to_public(session, [project])[0], 200, {"ETag": f'"{project.version}"'})


@router.get("/{project_id}/history", response_model=AuditEventsPublic)
def get_project_history(project_id: IdPath, session: SessionDep, principal: Reader, cursor: audit.Cursor = None,
                        limit: audit.Limit = 50) -> AuditEventsPublic:
    """Who changed the project, when, and the values before and after, newest first — with its credit shares
    (`project_credit`) and enterprises (`project_enterprise`) as they were replaced (see `record_history`)."""
    project = service.get(session, principal, project_id)
    return audit.record_history(session, principal, project, children=(ProjectCredit, ProjectEnterprise),
                                cursor=cursor, limit=limit)


add_draft_delete(router, Project, "project_id", "project")
