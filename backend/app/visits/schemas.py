from datetime import date

from pydantic import Field

from app.core.schemas import Id, OutputModel, RecordDate, Text100, Text200, Text500, Text1000, Text2000
from app.records.models import Region
from app.records.schemas import EnterpriseRef, ExternalIdIn, ListMeta, VerifiedMeta
from app.visits.models import LeaderLevel


class VisitBase(ExternalIdIn):
    enterprise_id: Id
    visit_date: RecordDate
    region: Region
    place: Text200 = ""
    leader_level: LeaderLevel = LeaderLevel.staff
    leader_name: Text100 = ""
    participants: Text500 = ""
    outcome: Text2000 = ""
    next_step: Text1000 = ""
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
    participants: Text500 | None = None
    outcome: Text2000 | None = None
    next_step: Text1000 | None = None
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
