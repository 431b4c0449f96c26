"""What packages above the records add to a record's workflow, registered at start-up in one visible place
(`app/hooks.py`), so that records import none of them: checks before a submit (the office's evidence rules),
what goes with a deleted draft (its files), what follows a transition (notices to the unit), and what precedes
an enterprise merge (notices to the units whose records move)."""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session

from app.authz.principal import Principal

SubmitCheck = Callable[[Session, Any], None]  # raises a problem when the record may not be submitted yet
DraftDeleted = Callable[[Session, Any], None]  # before the draft's row is deleted, in the same transaction
Transitioned = Callable[[Session, Principal, Any, str, str | None], None]  # (…, record, action, reason)
EnterpriseMerging = Callable[[Session, Any, Any, str], None]  # (…, merged, survivor, reason), before links move

SUBMIT_CHECKS: list[SubmitCheck] = []
DRAFT_DELETED: list[DraftDeleted] = []
TRANSITIONED: list[Transitioned] = []
ENTERPRISE_MERGING: list[EnterpriseMerging] = []


T = TypeVar("T")


def register(hooks: list[T], hook: T) -> None:
    """Idempotent: every entry point installs the hooks, some more than once (tests)."""
    if hook not in hooks:
        hooks.append(hook)
