from datetime import date
from typing import Annotated

from pydantic import Field

from app.core.schemas import Id, OutputModel, RecordDate
from app.records.models import Region
from app.records.schemas import EnterpriseRef, ExternalIdIn, ListMeta, VerifiedMeta
from app.visits.models import LeaderLevel

Text100 = Annotated[str, Field(max_length=100)]
Text200 = Annotated[str, Field(max_length=200)]


class VisitBase(ExternalIdIn):
    enterprise_id: Id
    visit_date: RecordDate
    region: Region
    place: Text200 = ""
    leader_level: LeaderLevel = LeaderLevel.staff
    leader_name: Text100 = ""
    participants: Annotated[str, Field(max_length=500)] = ""
    outcome: Annotated[str, Field(max_length=2000)] = ""
    next_step: Annotated[str, Field(max_length=1000)] = ""
    lead_id: Id | None = None


class VisitCreate(VisitBase):
    unit_id: Id | None = Field(default=None, description="录入单位；留空为本单位（全市范围的接口客户端必填）")


class VisitUpdate(ExternalIdIn):
    enterprise_id: Id | None = None
    visit_date: RecordDate | None = None
    region: Region | None = None
    place: Text200 | None = None
    leader_level: LeaderLevel | None = None
    leader_name: Text100 | None = None
    participants: Annotated[str, Field(max_length=500)] | None = None
    outcome: Annotated[str, Field(max_length=2000)] | None = None
    next_step: Annotated[str, Field(max_length=1000)] | None = None
    lead_id: Id | None = None


class VisitPublic(VerifiedMeta):
    enterprise_id: int
    enterprise: EnterpriseRef | None = None
    visit_date: date
    region: Region
    place: str
    leader_level: LeaderLevel
    leader_name: str
    participants: str
    outcome: str
    next_step: str
    lead_id: int | None


class VisitsPublic(ListMeta, OutputModel):
    data: list[VisitPublic]
