from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.deps import SessionDep
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep
from app.units import service
from app.units.models import UnitType
from app.units.schemas import (
    ClustersPublic,
    MembersPublic,
    UnitCreate,
    UnitDetailPublic,
    UnitLinkCreate,
    UnitLinkPublic,
    UnitsPublic,
    UnitUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["units"])
Reader = Annotated[Principal, allow(Action.units_read)]
Admin = Annotated[Principal, allow(Action.units_write)]


@router.get("/units", response_model=UnitsPublic)
def list_units(
    session: SessionDep,
    _: Reader,
    type: UnitType | None = None,
    active: bool | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> UnitsPublic:
    units = service.list_units(session, type_=type, active=active, q=q)
    return UnitsPublic(data=service.to_public(session, units), count=len(units))


@router.get("/units/{unit_id}", response_model=UnitDetailPublic)
def get_unit(unit_id: IdPath, session: SessionDep, _: Reader) -> UnitDetailPublic:
    return service.unit_detail(session, service.get_unit(session, unit_id))


@router.post("/units", response_model=UnitDetailPublic, status_code=201)
def create_unit(data: UnitCreate, session: SessionDep, _: Admin, idem: IdempotencyDep) -> Response:
    return idem.respond(service.unit_detail(session, service.create_unit(session, data)), 201)


@router.patch("/units/{unit_id}", response_model=UnitDetailPublic)
def update_unit(unit_id: IdPath, data: UnitUpdate, session: SessionDep, _: Admin) -> UnitDetailPublic:
    unit = service.update_unit(session, service.get_unit(session, unit_id), data)
    return service.unit_detail(session, unit)


@router.post("/units/{unit_id}/links", response_model=UnitLinkPublic, status_code=201)
def add_unit_link(unit_id: IdPath, data: UnitLinkCreate, session: SessionDep, _: Admin,
                  idem: IdempotencyDep) -> Response:
    link = service.add_link(session, service.get_unit(session, unit_id), data)
    return idem.respond(UnitLinkPublic.model_validate(link), 201)


@router.delete("/units/{unit_id}/links/{link_id}", status_code=204)
def delete_unit_link(unit_id: IdPath, link_id: IdPath, session: SessionDep, _: Admin) -> Response:
    service.delete_link(session, service.get_unit(session, unit_id), link_id)
    return Response(status_code=204)


@router.get("/units/{unit_id}/members", response_model=MembersPublic)
def list_unit_members(
    unit_id: IdPath, session: SessionDep, principal: Annotated[Principal, allow(Action.unit_members_read)]
) -> MembersPublic:
    members = service.list_members(session, unit_id, readable_units(principal))
    return MembersPublic.model_validate({"data": members})


@router.get("/clusters", response_model=ClustersPublic)
def list_clusters(session: SessionDep, _: Reader) -> ClustersPublic:
    return ClustersPublic.model_validate({"data": service.list_clusters(session)})
