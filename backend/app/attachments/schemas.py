from datetime import datetime
from typing import Annotated

from pydantic import Field

from app.attachments.evidence import EvidenceRules
from app.attachments.models import Category
from app.core.schemas import InputModel, OutputModel


class AttachmentPublic(OutputModel):
    id: int
    record_table: str
    record_id: int
    unit_id: int | None
    category: Category
    filename: str
    content_type: str
    size: int = Field(description="bytes")
    sha256: str
    previewable: bool = Field(description="an image or PDF the browser may show (`?inline=1`)")
    created_by: str
    created_at: datetime


class AttachmentsPublic(OutputModel):
    data: list[AttachmentPublic]
    missing: list[Category] = Field(description="evidence the office's rules still require before submitting")


class EvidenceRulesUpdate(InputModel):
    rules: EvidenceRules
    reason: Annotated[str, Field(min_length=1, max_length=1000)]


class EvidenceRulesPublic(OutputModel):
    id: int | None
    rules: EvidenceRules
    reason: str
    created_by: str
    created_at: datetime | None
    descriptions: dict[str, str] = {}
