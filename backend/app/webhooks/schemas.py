from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, field_serializer

from app.core.schemas import Id, InputModel, OutputModel
from app.feed.models import RecordKind


def _http_url(value: str) -> str:
    """http or https with a host; private (intranet) addresses are allowed on purpose: the receivers are other
    government systems on the same network."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("只接受 http:// 或 https:// 地址")
    if parts.username or parts.password:
        raise ValueError("地址中不能包含用户名或密码")
    return value


WebhookUrl = Annotated[str, Field(min_length=8, max_length=500), AfterValidator(_http_url)]
Kinds = Annotated[list[RecordKind], Field(min_length=1, max_length=len(RecordKind))]


class WebhookCreate(InputModel):
    url: WebhookUrl
    kinds: Kinds
    client_id: Id | None = Field(default=None, description="管理员为哪个 API 客户端订阅；客户端自己订阅时留空")


class WebhookUpdate(InputModel):
    url: WebhookUrl | None = None
    kinds: Kinds | None = None
    active: bool | None = Field(default=None, description="true 重新启用被停用的订阅 (re-enable)")


class WebhookPublic(OutputModel):
    id: int
    client_id: int
    url: str
    kinds: str
    active: bool
    consecutive_failures: int
    disabled_at: datetime | None
    disabled_reason: str | None = Field(description="为何被停用，如连续投递失败 (why it was disabled)")
    created_at: datetime

    @field_serializer("kinds")
    def _kinds(self, value: str) -> list[str]:
        return value.split()


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="签名密钥 whsec_…，只显示这一次 (shown once)")


class WebhooksPublic(OutputModel):
    data: list[WebhookPublic]


class DeliveryPublic(OutputModel):
    id: int
    message_id: str = Field(description="webhook-id 头的值，重试与重放时不变")
    change_id: int
    status: str = Field(description="pending / delivered / failed")
    attempts: int
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime


class DeliveriesPublic(OutputModel):
    data: list[DeliveryPublic]
    next_cursor: str | None
