"""An attached file's row (its bytes live in the storage, under a random key) and the evidence-rule versions."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime


class Category(StrEnum):
    contract = "contract"  # 合同
    receipt = "receipt"  # 到位凭证
    photo = "photo"  # 照片
    sign_in_sheet = "sign_in_sheet"  # 签到表
    other = "other"  # 其他


CATEGORY_ZH: dict[str, str] = {Category.contract: "合同", Category.receipt: "到位凭证", Category.photo: "照片",
                               Category.sign_in_sheet: "签到表", Category.other: "其他"}


class Attachment(SQLModel, table=True):
    """Not `Audited` itself: adding or removing a file is written into the *parent record's* history instead
    (`attachments.service`), with the file's SHA-256, so the record's history tells which evidence it had."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_record", "record_table", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    record_table: str = Field(max_length=40, description="the parent's table: project, funds_report, visit, …")
    record_id: int
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="SET NULL",
                                description="the uploader's unit")
    category: str = Field(max_length=20)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64, index=True)
    storage_key: str = Field(max_length=100, unique=True, description="random; never derived from user input")
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EvidenceRuleVersion(Audited, SQLModel, table=True):
    """One version of the office's evidence rules (JSON); the newest is in force."""

    __tablename__ = "evidence_rule_version"

    id: int | None = Field(default=None, primary_key=True)
    settings: str = Field(sa_type=Text)
    reason: str = Field(max_length=1000)
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
