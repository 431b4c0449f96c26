"""The shared enterprise library (企业/客商库): one row per real company, whoever entered it."""

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field

from app.core import indexes
from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime
from app.records.models import ExternallyKeyed


class Enterprise(Audited, ExternallyKeyed, table=True):
    __tablename__ = "enterprise"
    # One company, one row, even when two editors enter it at the same moment: the database refuses the second
    # (name_norm, name_seq). Only the confirmed "not the same company" path numbers a namesake 1, 2, …
    __table_args__ = (
        Index("uq_enterprise_name_norm_seq", "name_norm", "name_seq", unique=True),
        *indexes.record("enterprise", ("name",), updated=False, search=("name", "former_names", "uscc")),
        indexes.trigram("enterprise", "former_norms", fastupdate=False),  # the duplicate check of every new name
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_norm: str = Field(max_length=200, description="normalised name for duplicate checks")
    name_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"},
                          description="0: the first with this normalised name; n: its n-th confirmed namesake")
    former_names: str = Field(default="[]", sa_type=Text, description="JSON list")
    former_norms: str = Field(default="|", sa_type=Text, description="|normalised former names|, for lookups")
    uscc: str | None = Field(default=None, max_length=18, unique=True)
    uscc_override_reason: str | None = Field(default=None, max_length=500)
    country: str = Field(default="中国", max_length=50)
    province: str = Field(default="", max_length=50)
    city: str = Field(default="", max_length=50)
    industry: str = Field(default="", max_length=100)
    is_fortune500: bool = Field(default=False, index=True)
    is_china500: bool = Field(default=False, index=True)
    china500_list: str | None = Field(default=None, max_length=50, description="e.g. 中国企业500强 / 民营500强")
    china500_year: int | None = Field(default=None)
    is_central_soe: bool = Field(default=False, index=True)
    is_champion: bool = Field(default=False)
    is_unicorn: bool = Field(default=False)
    is_industry_leader: bool = Field(default=False)
    is_listed: bool = Field(default=False)
    is_internet_plus: bool = Field(default=False)
    is_association: bool = Field(default=False)
    # a unit's change of the classes figures count, waiting for the office (see enterprises.classes)
    proposed_classes: str | None = Field(default=None, sa_type=Text, description="JSON: field → proposed value")
    classes_proposed_by: str | None = Field(default=None, max_length=100)
    classes_proposed_by_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    classes_proposed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    merged_into_id: int | None = Field(default=None, foreign_key="enterprise.id", index=True)
    merge_reason: str | None = Field(default=None, max_length=1000)
    version: int = Field(default=1)
    created_by_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow})
