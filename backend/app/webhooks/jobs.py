"""The worker's webhook tasks: deliver after a commit that wrote deliveries, and a sweep every minute (and at
worker start) for what is due again or was never enqueued (a crash between commit and enqueue)."""

from huey import crontab

from app.core import jobs
from app.webhooks import delivery


@jobs.huey.task()  # type: ignore[untyped-decorator]  # huey ships no type information
def deliver_webhooks() -> int:
    return delivery.deliver_due(jobs.session)


@jobs.huey.periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]  # huey ships no type information
def sweep_webhooks() -> int:
    return delivery.deliver_due(jobs.session)


@jobs.huey.on_startup()  # type: ignore[untyped-decorator]  # huey ships no type information
def _sweep_at_start() -> None:
    deliver_webhooks()
