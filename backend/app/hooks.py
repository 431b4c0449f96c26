"""The session hooks every process that writes installs at start-up, in one visible place.

- the audit history: every flushed change of an `Audited` table is recorded in the same transaction;
- the rollups' upkeep: every write adds its delta to the progress rollups (derived from the metrics'
  declarations, progress/reads.py), before the audit chain's append;
- the change feed and the webhook outbox (webhooks/outbox.py), written with each audited change;
- the records' workflow hooks (records/workflow_hooks.py): the evidence a submit needs, a deleted draft's files,
  the notices a transition or an enterprise merge sends.

Called by the app factory (main.create_app), the command line (cli.main) and the worker (worker.py).
Installing is idempotent; nothing is installed by importing a module.
"""

import app.models  # noqa: F401 - every table is mapped before the hooks see a flush
from app.attachments.cleanup import forget_files_of
from app.attachments.evidence import ensure_evidence
from app.audit import service as audit
from app.notices import triggers as notices
from app.progress import upkeep
from app.records import workflow_hooks
from app.webhooks import outbox


def install_session_hooks() -> None:
    audit.install(outbox.record_and_queue)
    upkeep.install()
    workflow_hooks.register(workflow_hooks.SUBMIT_CHECKS, ensure_evidence)
    workflow_hooks.register(workflow_hooks.DRAFT_DELETED, forget_files_of)
    workflow_hooks.register(workflow_hooks.TRANSITIONED, notices.record_transitioned)
    workflow_hooks.register(workflow_hooks.ENTERPRISE_MERGING, notices.enterprise_merged)
