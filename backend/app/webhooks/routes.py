from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep
from app.webhooks import service
from app.webhooks.models import DeliveryStatus
from app.webhooks.schemas import (
    DeliveriesPublic,
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhooksPublic,
    WebhookUpdate,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])
Manager = Annotated[Principal, allow(Action.webhooks_manage)]


@router.get("", response_model=WebhooksPublic)
def list_webhooks(session: SessionDep, principal: Manager) -> WebhooksPublic:
    """A client's own subscriptions; the admin sees every client's."""
    rows = service.list_webhooks(session, principal)
    return WebhooksPublic(data=[WebhookPublic.model_validate(s) for s in rows])


@router.post("", response_model=WebhookCreated, status_code=201)
def create_webhook(data: WebhookCreate, session: SessionDep, principal: Manager) -> WebhookCreated:
    """Subscribes a URL to changes of the given record kinds. The signing secret is in this answer only.

    No Idempotency-Key here on purpose: replaying would mean storing the secret to show it twice."""
    return WebhookCreated.model_validate(service.create_webhook(session, principal, data))


@router.get("/{webhook_id}", response_model=WebhookPublic)
def get_webhook(webhook_id: IdPath, session: SessionDep, principal: Manager) -> WebhookPublic:
    return WebhookPublic.model_validate(service.get_webhook(session, principal, webhook_id))


@router.patch("/{webhook_id}", response_model=WebhookPublic)
def update_webhook(webhook_id: IdPath, data: WebhookUpdate, session: SessionDep, principal: Manager) -> WebhookPublic:
    """Change the URL or kinds; `active: true` re-enables a subscription switched off after failures."""
    sub = service.get_webhook(session, principal, webhook_id, for_update=True)
    return WebhookPublic.model_validate(service.update_webhook(session, sub, data))


@router.delete("/{webhook_id}", status_code=204)
def delete_webhook(webhook_id: IdPath, session: SessionDep, principal: Manager) -> Response:
    service.delete_webhook(session, service.get_webhook(session, principal, webhook_id, for_update=True))
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=DeliveriesPublic)
def list_deliveries(webhook_id: IdPath, session: SessionDep, principal: Manager,
                    status: DeliveryStatus | None = None,
                    cursor: Annotated[str | None, Query(max_length=100)] = None,
                    limit: Annotated[int, Query(ge=1, le=200)] = 50) -> DeliveriesPublic:
    """The delivery log, newest first: each delivery's state, attempts and the receiver's last answer."""
    sub = service.get_webhook(session, principal, webhook_id)
    return service.list_deliveries(session, sub, status=status, cursor=cursor, limit=limit)


@router.post("/{webhook_id}/deliveries/{delivery_id}/replay", response_model=DeliveryPublic)
def replay_delivery(webhook_id: IdPath, delivery_id: IdPath, session: SessionDep, principal: Manager,
                    idem: IdempotencyDep) -> Response:
    """Sends the delivery again now, with the same webhook-id and body."""
    sub = service.get_webhook(session, principal, webhook_id)
    return idem.respond(service.to_public(service.replay(session, sub, delivery_id)), 200)
