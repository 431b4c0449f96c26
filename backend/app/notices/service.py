"""Creating notices in the transaction of what caused them, and each user's inbox.

Who hears of a unit's record: the unit's active staff who may write its records (unit editors, and office
users for the office's own records), never viewers, other units or the person who acted. A notice goes to
each channel the user has not muted for its kind; e-mails leave after commit (`mail.py`)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, update
from sqlmodel import Session, col, select

from app.core import jobs
from app.core.errors import NotFound
from app.core.models import pk
from app.core.pagination import Page, keyset_page
from app.core.time import utcnow
from app.notices import mail
from app.notices.models import Channel, Notice, NoticeKind, NoticeMute
from app.users.models import Role, User

RECIPIENT_ROLES = (Role.unit_editor, Role.office)
SORTS = {"id": col(Notice.id)}


def unit_editors(session: Session, unit_ids: Iterable[int], *, exclude_user: int | None = None) -> list[User]:
    """The active staff who may write the records of these units (see the module's docstring)."""
    stmt = select(User).where(col(User.unit_id).in_(set(unit_ids)), col(User.active).is_(True),
                              col(User.role).in_(RECIPIENT_ROLES))
    if exclude_user is not None:
        stmt = stmt.where(col(User.id) != exclude_user)
    return list(session.exec(stmt.order_by(col(User.id))))


def office_staff(session: Session, *, exclude_user: int | None = None) -> list[User]:
    """The office's active clerks (who assign, verify and close the quarter)."""
    stmt = select(User).where(User.role == Role.office, col(User.active).is_(True))
    if exclude_user is not None:
        stmt = stmt.where(col(User.id) != exclude_user)
    return list(session.exec(stmt.order_by(col(User.id))))


@dataclass(frozen=True)
class Draft:
    """What a notice says, before it is addressed."""

    kind: NoticeKind
    title: str
    body: str = ""
    record_type: str | None = None
    record_id: int | None = None
    key: str | None = None  # a reminder's period key: one notice per user and key, however often it runs


def send(session: Session, users: Sequence[User], draft: Draft) -> list[Notice]:
    """One notice per user (none for a user who muted this kind on every channel, or who already has `key`)."""
    ids = [pk(u) for u in users]
    if not ids:
        return []
    muted = set(session.exec(select(col(NoticeMute.user_id), col(NoticeMute.channel)).where(
        col(NoticeMute.user_id).in_(ids), NoticeMute.kind == draft.kind)).all())
    have: set[int] = set()
    if draft.key is not None:
        have = set(session.exec(select(col(Notice.user_id)).where(col(Notice.user_id).in_(ids),
                                                                  Notice.dedupe_key == draft.key)).all())
    smtp_on = mail.smtp_config() is not None
    created = []
    for user in users:
        if user.id in have:
            continue
        inbox = (user.id, Channel.inbox) not in muted
        email = smtp_on and bool(user.email) and (user.id, Channel.email) not in muted
        if inbox or email:
            created.append(Notice(user_id=pk(user), kind=draft.kind, title=draft.title[:300], body=draft.body[:2000],
                                  record_type=draft.record_type, record_id=draft.record_id, dedupe_key=draft.key,
                                  in_inbox=inbox, email_pending=email))
    session.add_all(created)
    session.flush()
    if pending := [pk(n) for n in created if n.email_pending]:
        jobs.after_commit(session, mail.send_notice_emails, pending)
    return created


# ---- the inbox --------------------------------------------------------------------------------------------

def _mine(user_id: int) -> ColumnElement[bool]:
    return (col(Notice.user_id) == user_id) & col(Notice.in_inbox).is_(True)


def list_notices(session: Session, user_id: int, *, unread: bool | None, cursor: str | None,
                 limit: int) -> Page[Notice]:
    stmt = select(Notice).where(_mine(user_id))
    if unread is not None:
        stmt = stmt.where(col(Notice.read_at).is_(None) if unread else col(Notice.read_at).is_not(None))
    return keyset_page(session, stmt, id_column=col(Notice.id), sort="-id", allowed=SORTS, cursor=cursor,
                       limit=limit)


def unread_count(session: Session, user_id: int) -> int:
    return session.exec(select(func.count()).select_from(Notice).where(
        _mine(user_id), col(Notice.read_at).is_(None))).one()


def mark_read(session: Session, user_id: int, notice_id: int) -> Notice:
    """Another user's notice answers 404, as a missing one does."""
    notice = session.exec(select(Notice).where(_mine(user_id), col(Notice.id) == notice_id)).first()
    if notice is None:
        raise NotFound("通知不存在")
    if notice.read_at is None:
        notice.read_at = utcnow()
        session.add(notice)
        session.flush()
    return notice


def mark_all_read(session: Session, user_id: int) -> int:
    result = session.execute(update(Notice).where(_mine(user_id), col(Notice.read_at).is_(None))
                             .values(read_at=utcnow()))
    return int(result.rowcount)  # type: ignore[attr-defined]  # an UPDATE's result has rowcount


# ---- settings -----------------------------------------------------------------------------------------------

def mutes(session: Session, user_id: int) -> dict[str, list[str]]:
    """channel → muted kinds."""
    out: dict[str, list[str]] = {c.value: [] for c in Channel}
    for kind, channel in session.exec(select(col(NoticeMute.kind), col(NoticeMute.channel)).where(
            NoticeMute.user_id == user_id).order_by(col(NoticeMute.channel), col(NoticeMute.kind))):
        out.setdefault(channel, []).append(kind)
    return out


def save_settings(session: Session, user: User, muted: dict[str, list[str]], email: str | None) -> None:
    """Replaces the user's mutes; sets their e-mail address (None or "" removes it)."""
    for row in session.exec(select(NoticeMute).where(NoticeMute.user_id == user.id)):
        session.delete(row)
    session.flush()
    session.add_all(NoticeMute(user_id=pk(user), kind=kind, channel=channel)
                    for channel, kinds in muted.items() for kind in sorted(set(kinds)))
    if (email or None) != user.email:
        user.email = email or None
        session.add(user)
    session.flush()
