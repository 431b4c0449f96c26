from typing import Annotated

from fastapi import APIRouter, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.clients import service
from app.clients.schemas import ApiClientCreate, ApiClientCreated, ApiClientPublic, ApiClientsPublic
from app.core.deps import SessionDep
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep

router = APIRouter(prefix="/api/v1/clients", tags=["api-clients"])
Admin = Annotated[Principal, allow(Action.clients_manage)]


@router.get("", response_model=ApiClientsPublic)
def list_api_clients(session: SessionDep, _: Admin) -> ApiClientsPublic:
    return ApiClientsPublic.model_validate({"data": service.list_clients(session)})


@router.post("", response_model=ApiClientCreated, status_code=201)
def create_api_client(data: ApiClientCreate, session: SessionDep, _: Admin) -> ApiClientCreated:
    """Registers another government system. The secret in the answer is never shown again.

    No Idempotency-Key here on purpose: replaying would mean storing the secret to show it twice.
    """
    client, secret = service.create_client(session, data)
    return ApiClientCreated.model_validate({**ApiClientPublic.model_validate(client).model_dump(),
                                            "scopes": client.scopes, "client_secret": secret})


@router.post("/{client_pk}/revoke", response_model=ApiClientPublic)
def revoke_api_client(client_pk: IdPath, session: SessionDep, _: Admin, idem: IdempotencyDep) -> Response:
    """Its tokens stop working at once: every request checks the client is still active."""
    client = service.revoke_client(session, service.get_client(session, client_pk))
    return idem.respond(ApiClientPublic.model_validate(client), 200)
