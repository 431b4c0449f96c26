"""The attachments' background job: the daily sweep of stored bytes no row names (`cleanup.sweep_orphans`)."""

from datetime import timedelta

from huey import crontab

from app.attachments import cleanup, storage
from app.core import jobs
from app.core.config import get_settings
from app.core.time import utcnow


@jobs.huey.periodic_task(crontab(hour="19", minute="15"))  # type: ignore[untyped-decorator]  # huey ships no type information
def sweep_orphaned_files() -> int:
    """03:15 in the city (19:15 UTC): objects older than `ZS_ATTACHMENT_ORPHAN_GRACE_HOURS` with no row go."""
    settings = get_settings()
    with jobs.session() as session:
        return cleanup.sweep_orphans(session, storage.for_settings(settings),
                                     older_than=utcnow() - timedelta(hours=settings.attachment_orphan_grace_hours))
