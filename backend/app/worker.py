"""The background worker's entry point: `huey_consumer app.worker.huey` (every task module imported here)."""

import app.models  # noqa: F401 - every table and the session hooks
import app.progress.jobs  # noqa: F401 - tasks register on import
from app.core import jobs

huey = jobs.huey
