"""Background work of progress: building the rollup slices of new counting rules."""

from app.core import jobs
from app.progress import rollup


@jobs.huey.task(retries=5, retry_delay=10)  # type: ignore[untyped-decorator]  # huey ships no type information
def rebuild_rollups() -> int:
    """Builds the newest rules' slices step by step, each step its own short transaction, then serves them."""
    steps = 0
    while True:
        with jobs.session() as session:
            more = rollup.build_step(session)
            session.commit()
        steps += 1
        if not more:
            return steps
