from typing import Annotated

from fastapi import APIRouter, Query

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.feed import service
from app.feed.schemas import ChangesPublic

router = APIRouter(prefix="/api/v1/changes", tags=["feed"])
Reader = Annotated[Principal, allow(Action.feed_read)]


@router.get("", response_model=ChangesPublic)
def read_changes(
    session: SessionDep, principal: Reader,
    cursor: Annotated[str | None, Query(max_length=200, description="上一页的 next_cursor；留空从头读起")] = None,
    kinds: Annotated[str | None, Query(max_length=200, description="逗号分隔，如 visit,project")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> ChangesPublic:
    """Every create, update, state change, merge and deletion of a record the caller may see, in commit-safe
    order, each with the record's current public form (or a tombstone). Resume with `next_cursor`."""
    return service.read_changes(session, principal, cursor=cursor, kinds=kinds, limit=limit)
