"""The import's two background jobs: the dry run after the upload, the write after the commit."""

from app.core import jobs
from app.imports import service


@jobs.huey.task()  # type: ignore[untyped-decorator]  # huey ships no type information
def check_import(import_id: int) -> None:
    service.check(import_id)


@jobs.huey.task()  # type: ignore[untyped-decorator]
def write_import(import_id: int) -> None:
    service.write(import_id)
