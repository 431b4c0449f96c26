"""Notices by e-mail, the optional second channel: sent by a job once the notice has committed.

Off unless `ZS_SMTP_HOST` is set. A notice is marked sent only after the server accepted it, so a failed run
(counted in /metrics like any failed job) is retried by huey and leaves the rest pending."""

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlmodel import col, select

from app.core import jobs
from app.core.config import get_settings
from app.notices.models import Notice
from app.users.models import User

SUBJECT_PREFIX = "【招商引资管理平台】"


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str


def smtp_config() -> Smtp | None:
    settings = get_settings()
    if not settings.smtp_host:
        return None
    return Smtp(settings.smtp_host, settings.smtp_port, settings.smtp_from)


def message(smtp: Smtp, to: str, notice: Notice) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = SUBJECT_PREFIX + notice.title
    msg["From"], msg["To"] = smtp.sender, to
    msg.set_content(f"{notice.title}\n\n{notice.body}\n\n—— 站内通知，可在平台“通知设置”中关闭邮件提醒。\n")
    return msg


@jobs.huey.task(retries=3, retry_delay=120)  # type: ignore[untyped-decorator]  # huey ships no type information
def send_notice_emails(notice_ids: list[int]) -> int:
    """E-mails these notices (those still pending, to users who still have an address); how many were sent."""
    smtp = smtp_config()
    if smtp is None:
        return 0
    sent = 0
    with jobs.session() as session:
        rows = session.exec(select(Notice, User).join(User, col(User.id) == col(Notice.user_id)).where(
            col(Notice.id).in_(notice_ids), col(Notice.email_pending).is_(True)).order_by(col(Notice.id))).all()
        if not rows:
            return 0
        with smtplib.SMTP(smtp.host, smtp.port, timeout=10) as server:
            for notice, user in rows:
                if user.email:
                    server.send_message(message(smtp, user.email, notice))
                    sent += 1
                notice.email_pending = False
                session.add(notice)
                session.commit()  # each one as it leaves: a retry after a failure sends no second copy
    return sent
