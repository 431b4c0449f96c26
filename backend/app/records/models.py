"""What every unit-owned record shares: owner unit, optimistic version, verification state."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core.models import Audited
from app.core.time import utcnow
from app.core.types import UTCDateTime


class Status(StrEnum):
    draft = "draft"
    submitted = "submitted"
    verified = "verified"
    returned = "returned"


EDITABLE_STATUSES = frozenset({Status.draft, Status.returned})


class Region(StrEnum):
    jingjinji = "jingjinji"  # 京津冀
    yangtze_delta = "yangtze_delta"  # 长三角
    pearl_delta = "pearl_delta"  # 珠三角
    other = "other"


class ExternallyKeyed(SQLModel):
    """The sender's own id for a record (`records.external`): unique per source (the API client, or the unit of
    a person) and table, by the index `core.indexes.external` each table declares. Both empty when not given."""

    external_source: str | None = Field(default=None, max_length=40)
    external_id: str | None = Field(default=None, max_length=100)


class OwnedRecord(Audited, ExternallyKeyed):
    """Columns of a record a unit enters. `version` is bumped on every change and is the ETag."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    version: int = Field(default=1)
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime,
                                 sa_column_kwargs={"onupdate": utcnow})


class VerifiedRecord(OwnedRecord):
    """A record the office verifies: draft → submitted → verified, or returned with a reason."""

    status: str = Field(default=Status.draft, max_length=12, index=True)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verified_by: str | None = Field(default=None, max_length=100)
    return_reason: str | None = Field(default=None, max_length=1000)
