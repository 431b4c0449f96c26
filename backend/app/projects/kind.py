"""Projects as a record kind: their filters and sorts, what submitting needs, the child tables in their history,
and the definition the shared router serves. Credit shares and the stage timeline stay in `service` and `rules`."""

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Query
from sqlmodel import Session, col, select

from app.core import search
from app.core.schemas import Id
from app.core.typing import AnySelect
from app.enterprises.classes import EnterpriseClass, class_column
from app.enterprises.models import Enterprise
from app.projects import exports, rules, service
from app.projects.models import AdvancedClass, FourNew, Project, ProjectCredit, ProjectEnterprise, Stage
from app.projects.schemas import ProjectCreate, ProjectPublic, ProjectsPublic, ProjectUpdate
from app.projects.visibility import visible
from app.records import filters
from app.records.filters import AmountRange, ColumnFilters, UnitAndText, sort_columns, sort_query
from app.records.kind import RecordKind
from app.records.models import Status

SORTS = sort_columns(Project, "total_investment", "created_at", "updated_at", "id")


@dataclass
class ProjectFilters(AmountRange, UnitAndText):
    """The list's filters and sort, shared by the list and its export (amount: total investment)."""

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
    sort: Annotated[str, sort_query(SORTS, descending_hint=True)] = "-created_at"


def _enterprises(session: Session, stmt: AnySelect, f: ProjectFilters) -> AnySelect:
    """One of the project's enterprises, their class, and the text search over the project's or an enterprise's
    name."""
    linked = select(col(ProjectEnterprise.project_id)).join(Enterprise,
                                                            col(Enterprise.id) == col(ProjectEnterprise.enterprise_id))
    stmt = filters.where_linked(stmt, Project.id, ProjectEnterprise.project_id, ProjectEnterprise.enterprise_id,
                                f.enterprise_id)
    if f.enterprise_class:
        stmt = stmt.where(col(Project.id).in_(linked.where(class_column(f.enterprise_class).is_(True))))
    if f.q:
        stmt = stmt.where(search.matching(session, Project.id, [search.contains(Project.name, f.q)],
                                          [linked.where(search.contains(Enterprise.name, f.q))]))
    return stmt


PROJECTS = RecordKind(
    name="project", model=Project,
    create_schema=ProjectCreate, update_schema=ProjectUpdate, public_schema=ProjectPublic, list_schema=ProjectsPublic,
    filters=ProjectFilters, visible=visible, sorts=SORTS,
    where=ColumnFilters(Project, ("unit_id", "landing_unit_id", "stage", "status", "cluster_id", "four_new",
                                  "advanced_class"), amounts=Project.total_investment, more=[
        filters.linked_to("credited_unit_id", Project.id, ProjectCredit.project_id, ProjectCredit.unit_id),
        filters.between(Project.signed_on, "signed_from", "signed_to"), _enterprises]),
    create=service.create, update=service.update, to_public=service.to_public, export=exports.SHEET,
    history_children=(ProjectCredit, ProjectEnterprise), submit_needs=rules.missing_for_submit,
    docs={
        "list": """
            Projects the caller may see (own, landing or credited unit; the city sees all). `unit_id` is the owner,
            `signed_from/to` the signing date, `amount_min/max` the total investment (万元), `q` the project or an
            enterprise name. Sorting by signing date is not offered (it is empty before signing).""",
        "create": """
            A new project (draft). At least one enterprise; the landing unit is a county or development zone;
            credit shares add up to exactly 100 % (left out: 100 % to the entering unit). The stage may start past
            在谈; each reached stage gets a date (see PATCH for the rules).""",
        "update": """
            Changes a draft or returned project; only its own unit may. Needs If-Match (the ETag).

            **Stage changes go through here** (no separate endpoint, so a stage and its date change in one
            versioned write): send `stage` and, optionally, the dates. The stage moves forward only along
            negotiating → signed → started → in_production (skipping ahead is allowed), or to `dropped` with a
            `drop_reason` from any stage but in_production; a dropped project stays dropped. A reached stage
            without a date takes the date of the next reached stage given one (nothing else is filled in: submitting
            needs every reached stage's date); a stage not reached may not carry
            a date; dates never go backwards along the chain. Lowering the total investment below the funds already
            reported is refused (funds-over-total) unless the office recorded an override.""",
        "transition": """
        submit / withdraw (the owner unit); verify / return / reopen (the office, never for its own records).
        Submitting needs what the figures read (422 `incomplete`, each missing field in `errors`): a total investment
        above 0, the date of every stage reached, and the landing unit once signed (or for a county's own project).
        """,
        "history": """
            Who changed the project, when, and the values before and after, newest first — with its credit shares
            (`project_credit`) and enterprises (`project_enterprise`) as they were replaced (see `record_history`).""",
    },
    responses={"update": {412: {"description": "记录已被修改"}, 428: {"description": "缺少 If-Match"}}},
)
