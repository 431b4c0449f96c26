"""Routes every kind of verified record shares, added to each kind's router by one call."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.schemas import INT32_MAX
from app.records.models import VerifiedRecord
from app.records.service import delete_draft

Writer = Annotated[Principal, allow(Action.records_write)]


def add_draft_delete(router: APIRouter, model: type[VerifiedRecord], param: str, name: str) -> None:
    """`DELETE {prefix}/{param}`: the entering unit deletes a draft it never submitted (`delete_draft`)."""
    RecordId = Annotated[int, Path(alias=param, ge=1, le=INT32_MAX, description="记录编号")]  # noqa: N806

    def delete(record_id: RecordId, session: SessionDep, principal: Writer) -> Response:
        delete_draft(session, model, record_id, principal)
        return Response(status_code=204)

    delete.__doc__ = (f"Deletes a draft {name} that was never submitted; only its own unit may (any other: 404). "
                      "A submitted, returned, verified or withdrawn one is 409 `not-a-draft`; one another record "
                      "refers to is 409 `record-referenced`. Audited as `delete_draft`; gone from lists and figures.")
    router.add_api_route(f"/{{{param}}}", delete, methods=["DELETE"], status_code=204, response_class=Response,
                         name=f"delete_{name.replace(' ', '_')}",
                         responses={404: {"description": "记录不存在或不属于本单位"},
                                    409: {"description": "不是从未报送的草稿，或已被引用"}})
