"""The background worker's entry point: `huey_consumer app.worker.huey` (every task module imported here)."""

import app.attachments.jobs  # noqa: F401 - tasks register on import
import app.audit.jobs  # noqa: F401
import app.coordination.reminders  # noqa: F401
import app.models  # noqa: F401 - every table is mapped
import app.notices.mail  # noqa: F401
import app.notices.reminders  # noqa: F401
import app.progress.jobs  # noqa: F401
import app.webhooks.jobs  # noqa: F401
from app.core import jobs
from app.hooks import install_session_hooks

install_session_hooks()  # the worker's start-up: this module is what huey_consumer loads
huey = jobs.huey
