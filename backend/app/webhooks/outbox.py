"""The outbox: a delivery row for each new feed change that an active subscription asks for and its client may
see, written in the transaction of the change, so a change committed is a delivery owed, whatever dies next."""

from collections.abc import Sequence

from sqlalchemy import exists, insert, literal, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col

from app.authz.principal import Principal
from app.authz.scoping import feed_units
from app.clients.models import ApiClient
from app.core import jobs
from app.core.db import once_per_transaction
from app.core.time import utcnow
from app.core.types import UTCDateTime
from app.feed import visibility
from app.feed.models import FeedChange
from app.feed.recorder import Change, record_changes
from app.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

_ACTIVE = (select(col(WebhookSubscription.id), col(WebhookSubscription.kinds), col(ApiClient.id), col(ApiClient.name),
                  col(ApiClient.unit_id), col(ApiClient.scopes))
           .join(ApiClient, col(ApiClient.id) == col(WebhookSubscription.client_id))
           .where(col(WebhookSubscription.active), col(ApiClient.active)))
# PostgreSQL: returned by the feed's INSERT beside each change; mostly false, and then no subscription is read
_ANY_ACTIVE = exists(_ACTIVE.with_only_columns(col(WebhookSubscription.id)))


def add_deliveries(session: OrmSession, change_ids: list[int], *, any_active: bool) -> None:
    """The deliveries these changes owe. `any_active`: whether the feed's INSERT saw an active subscription
    (false: nothing to read); the subscriptions are read once per transaction, as its first flush saw them."""
    conn = session.connection()
    subscriptions = once_per_transaction(session, "webhook_subscriptions",
                                         lambda: conn.execute(_ACTIVE).all() if any_active else [])
    written = 0
    now = literal(utcnow(), UTCDateTime)
    for sub_id, kinds, client_pk, name, unit_id, scopes in subscriptions:
        scope = feed_units(Principal(kind="client", id=client_pk, name=name, unit_id=unit_id,
                                     scopes=frozenset(scopes.split())))
        matching = (select(literal(sub_id), col(FeedChange.id), literal(DeliveryStatus.pending.value), literal(0),
                           now, now)
                    .where(col(FeedChange.id).in_(change_ids), col(FeedChange.kind).in_(kinds.split()),
                           visibility.feed_changes(scope)))
        written += conn.execute(insert(WebhookDelivery).from_select(
            ["subscription_id", "change_id", "status", "attempts", "next_attempt_at", "created_at"], matching)).rowcount
    if written:
        from app.webhooks.jobs import deliver_webhooks  # the task module imports the renderers, which import us

        jobs.after_commit(session, deliver_webhooks)


def record_and_queue(session: OrmSession, changes: Sequence[Change]) -> None:
    """The audit's change listener (registered in app/hooks.py): the feed's rows, then their deliveries."""
    # SQLite writes RETURNING's columns without their table, which the subquery's join cannot take: it reads the
    # subscriptions on their own
    asks = session.get_bind().dialect.name == "postgresql"
    rows = record_changes(session, changes, also=_ANY_ACTIVE if asks else None)
    if rows:
        add_deliveries(session, [change_id for change_id, _ in rows],
                       any_active=not asks or any(active for _, active in rows))
