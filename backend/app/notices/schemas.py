from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from app.core.schemas import InputModel, OutputModel
from app.notices.models import Channel, NoticeKind
from app.records.schemas import ListMeta

Email = Annotated[str, StringConstraints(max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class NoticePublic(OutputModel):
    id: int
    kind: NoticeKind
    title: str
    body: str
    record_type: str | None = Field(description="所涉记录的类型（visit、project、funds_report、enterprise…），无则为空")
    record_id: int | None
    created_at: datetime
    read_at: datetime | None


class NoticesPublic(ListMeta):
    data: list[NoticePublic]


class UnreadCount(OutputModel):
    unread: int


class MarkedRead(OutputModel):
    marked: int = Field(description="本次标为已读的条数")


class NoticeSettingsPublic(OutputModel):
    email: str | None = Field(description="接收邮件通知的地址；为空则不发邮件")
    email_available: bool = Field(description="服务器是否配置了邮件（SMTP）")
    muted: dict[Channel, list[NoticeKind]] = Field(description="各渠道（inbox 站内、email 邮件）已关闭的通知类型")
    kinds: list[NoticeKind] = Field(description="全部通知类型")


class NoticeSettingsUpdate(InputModel):
    email: Email | None = None
    muted: dict[Channel, list[NoticeKind]] = Field(default_factory=dict)
