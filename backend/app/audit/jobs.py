"""Hourly audit checkpoint: the chain's head written outside the database (see anchors.py)."""

from huey import crontab

from app.audit import anchors
from app.core import jobs
from app.core.config import get_settings


@jobs.huey.periodic_task(crontab(minute="7"))  # type: ignore[untyped-decorator]  # huey ships no type information
def audit_checkpoint() -> int | None:
    settings = get_settings()
    with jobs.session() as session:
        line = anchors.checkpoint(session.connection(), settings.audit_checkpoint_file,
                                  settings.secret_key.get_secret_value().encode())
    return line["id"] if line else None
