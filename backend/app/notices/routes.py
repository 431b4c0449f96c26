"""The caller's own inbox: another user's notice answers 404, exactly like a missing one."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.errors import NotFound
from app.core.schemas import Id
from app.idempotency.service import IdempotencyDep
from app.notices import mail, service
from app.notices.models import NoticeKind
from app.notices.schemas import (
    MarkedRead,
    NoticePublic,
    NoticeSettingsPublic,
    NoticeSettingsUpdate,
    NoticesPublic,
    UnreadCount,
)
from app.records.schemas import Cursor, Limit
from app.users.models import User

router = APIRouter(prefix="/api/v1/notices", tags=["notices"])
Me = Annotated[Principal, allow(Action.notices_own)]


def _user_id(principal: Principal) -> int:
    if principal.id is None:  # only people reach here (the rule admits no API client)
        raise NotFound()
    return principal.id


@router.get("", response_model=NoticesPublic)
def list_notices(session: SessionDep, principal: Me, cursor: Cursor = None, limit: Limit = 50,
                 unread: Annotated[bool | None, Query(description="true 只看未读，false 只看已读")] = None,
                 ) -> NoticesPublic:
    """The caller's notices, newest first."""
    page = service.list_notices(session, _user_id(principal), unread=unread, cursor=cursor, limit=limit)
    return NoticesPublic(data=[NoticePublic.model_validate(n) for n in page.items], **page.meta())


@router.get("/unread-count", response_model=UnreadCount)
def notice_unread_count(session: SessionDep, principal: Me) -> UnreadCount:
    """For the bell; cheap enough to poll every minute."""
    return UnreadCount(unread=service.unread_count(session, _user_id(principal)))


@router.post("/{notice_id}/read", response_model=NoticePublic)
def mark_notice_read(notice_id: Id, session: SessionDep, principal: Me, idem: IdempotencyDep) -> Response:
    notice = service.mark_read(session, _user_id(principal), notice_id)
    return idem.respond(NoticePublic.model_validate(notice), 200)


@router.post("/read-all", response_model=MarkedRead)
def mark_all_notices_read(session: SessionDep, principal: Me, idem: IdempotencyDep) -> Response:
    return idem.respond(MarkedRead(marked=service.mark_all_read(session, _user_id(principal))), 200)


def _settings(session: SessionDep, user_id: int) -> NoticeSettingsPublic:
    user = session.get(User, user_id)
    return NoticeSettingsPublic.model_validate({
        "email": user.email if user else None, "email_available": mail.smtp_config() is not None,
        "muted": service.mutes(session, user_id), "kinds": list(NoticeKind)})


@router.get("/settings", response_model=NoticeSettingsPublic)
def get_notice_settings(session: SessionDep, principal: Me) -> NoticeSettingsPublic:
    """Which kinds the caller muted on which channel, and the e-mail address notices go to."""
    return _settings(session, _user_id(principal))


@router.put("/settings", response_model=NoticeSettingsPublic)
def put_notice_settings(data: NoticeSettingsUpdate, session: SessionDep, principal: Me) -> NoticeSettingsPublic:
    """Replaces the caller's mutes (a channel left out mutes nothing) and sets their e-mail address."""
    user = session.get(User, _user_id(principal))
    if user is None:
        raise NotFound()
    service.save_settings(session, user, {c.value: [k.value for k in kinds] for c, kinds in data.muted.items()},
                          data.email)
    return _settings(session, _user_id(principal))
