"""Subscriptions: an API client manages its own (another client's answer 404), the admin anyone's."""

import base64
import binascii

from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.roles import Scope
from app.clients.models import ApiClient
from app.core import jobs
from app.core.errors import NotFound, Unprocessable
from app.core.models import pk
from app.core.time import utcnow
from app.webhooks.delivery import message_id, new_secret
from app.webhooks.jobs import deliver_webhooks
from app.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from app.webhooks.schemas import DeliveriesPublic, DeliveryPublic, WebhookCreate, WebhookUpdate


def _owned(principal: Principal) -> int | None:
    """The client whose subscriptions the caller manages (None: the admin, every client's)."""
    return principal.id if principal.kind == "client" else None


def list_webhooks(session: Session, principal: Principal) -> list[WebhookSubscription]:
    stmt = select(WebhookSubscription).order_by(col(WebhookSubscription.id))
    if (owner := _owned(principal)) is not None:
        stmt = stmt.where(col(WebhookSubscription.client_id) == owner)
    return list(session.exec(stmt))


def get_webhook(session: Session, principal: Principal, webhook_id: int, *,
                for_update: bool = False) -> WebhookSubscription:
    sub = session.get(WebhookSubscription, webhook_id, with_for_update=for_update)
    owner = _owned(principal)
    if sub is None or (owner is not None and sub.client_id != owner):
        raise NotFound()
    return sub


def create_webhook(session: Session, principal: Principal, data: WebhookCreate) -> WebhookSubscription:
    owner = _owned(principal)
    if owner is not None and data.client_id not in (None, owner):
        raise Unprocessable("客户端只能为自己订阅", errors=[{"field": "client_id", "message": "请留空"}])
    client_pk = owner if owner is not None else data.client_id
    if client_pk is None:
        raise Unprocessable("请指定为哪个 API 客户端订阅", errors=[{"field": "client_id", "message": "必填"}])
    client = session.get(ApiClient, client_pk)
    if client is None or not client.active:
        raise Unprocessable("API 客户端不存在或已吊销", errors=[{"field": "client_id", "message": "无效"}])
    if Scope.feed_read not in client.scope_set:
        raise Unprocessable("该客户端没有 feed:read 权限，无法订阅变更",
                            errors=[{"field": "client_id", "message": "缺少 feed:read"}])
    sub = WebhookSubscription(client_id=client_pk, url=data.url, kinds=" ".join(data.kinds), secret=new_secret(),
                              created_by=principal.name[:100])
    session.add(sub)
    session.flush()
    return sub


def update_webhook(session: Session, sub: WebhookSubscription, data: WebhookUpdate) -> WebhookSubscription:
    if data.url is not None:
        sub.url = data.url
    if data.kinds is not None:
        sub.kinds = " ".join(data.kinds)
    if data.active is True and not sub.active:
        sub.active, sub.consecutive_failures, sub.disabled_at, sub.disabled_reason = True, 0, None, None
    elif data.active is False and sub.active:
        sub.active, sub.disabled_at, sub.disabled_reason = False, utcnow(), "已手动停用"
    session.add(sub)
    session.flush()
    return sub


def delete_webhook(session: Session, sub: WebhookSubscription) -> None:
    for delivery in session.exec(select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == sub.id)):
        session.delete(delivery)
    session.flush()
    session.delete(sub)
    session.flush()


def _cursor(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode())
    except (ValueError, binascii.Error):
        raise Unprocessable("分页游标无效，请从第一页重新查询",
                            errors=[{"field": "cursor", "message": "无效"}]) from None


def to_public(delivery: WebhookDelivery) -> DeliveryPublic:
    return DeliveryPublic(message_id=message_id(pk(delivery)),
                          **delivery.model_dump(exclude={"payload", "subscription_id"}))


def list_deliveries(session: Session, sub: WebhookSubscription, *, status: DeliveryStatus | None, cursor: str | None,
                    limit: int) -> DeliveriesPublic:
    """Newest first."""
    stmt = select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == sub.id)
    if status is not None:
        stmt = stmt.where(col(WebhookDelivery.status) == status)
    if (before := _cursor(cursor)) is not None:
        stmt = stmt.where(col(WebhookDelivery.id) < before)
    rows = list(session.exec(stmt.order_by(col(WebhookDelivery.id).desc()).limit(limit + 1)))
    page = rows[:limit]
    more = len(rows) > limit
    next_cursor = base64.urlsafe_b64encode(str(pk(page[-1])).encode()).decode().rstrip("=") if more else None
    return DeliveriesPublic(data=[to_public(d) for d in page], next_cursor=next_cursor)


def replay(session: Session, sub: WebhookSubscription, delivery_id: int) -> WebhookDelivery:
    """Sends a delivery again at once (same webhook-id, so a receiver that has it can tell), whatever its state."""
    delivery = session.get(WebhookDelivery, delivery_id, with_for_update=True)
    if delivery is None or delivery.subscription_id != sub.id:
        raise NotFound()
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.pending, 0, utcnow()
    delivery.delivered_at = None
    session.add(delivery)
    session.flush()
    jobs.after_commit(session, deliver_webhooks)
    return delivery
