"""API clients: the secret is shown once at creation and stored only as a digest."""

from sqlmodel import Session, col, select

from app.clients.models import ApiClient
from app.clients.schemas import ApiClientCreate
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.passwords import new_token, token_digest
from app.core.time import utcnow
from app.units.models import Unit


def list_clients(session: Session) -> list[ApiClient]:
    return list(session.exec(select(ApiClient).order_by(col(ApiClient.id))))


def get_client(session: Session, client_pk: int) -> ApiClient:
    client = session.get(ApiClient, client_pk)
    if client is None:
        raise NotFound("客户端不存在")
    return client


def create_client(session: Session, data: ApiClientCreate) -> tuple[ApiClient, str]:
    if data.unit_id is not None and session.get(Unit, data.unit_id) is None:
        raise Unprocessable("单位不存在", errors=[{"field": "unit_id", "message": "单位不存在"}])
    secret = new_token(32)
    client = ApiClient(client_id=f"zs_{new_token(12)}", name=data.name, unit_id=data.unit_id,
                       scopes=" ".join(sorted(set(data.scopes))), secret_hash=token_digest(secret))
    session.add(client)
    session.flush()
    return client, secret


def revoke_client(session: Session, client: ApiClient) -> ApiClient:
    if client.revoked_at is not None:
        raise Conflict("该客户端已吊销")
    client.revoked_at = utcnow()
    client.active = False
    session.add(client)
    session.flush()
    return client
