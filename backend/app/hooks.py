"""The session hooks every process that writes installs at start-up, in one visible place.

- the audit history: every flushed change of an `Audited` table is recorded in the same transaction;
- the rollups' upkeep: every write adds its delta to the progress rollups (derived from the metrics'
  declarations, progress/reads.py), before the audit chain's append.

Called by the app factory (main.create_app), the command line (cli.main) and the worker (worker.py).
Installing is idempotent; nothing is installed by importing a module.
"""

import app.models  # noqa: F401 - every table is mapped before the hooks see a flush
from app.audit import service as audit
from app.progress import upkeep


def install_session_hooks() -> None:
    audit.install()
    upkeep.install()
