from datetime import date
from typing import Annotated

from pydantic import Field

from app.core.schemas import Id, RecordDate, Text200, Text2000
from app.events.models import EventKind
from app.records.models import Region
from app.records.schemas import EnterpriseRef, ExternalIdIn, ListMeta, VerifiedMeta

Title = Annotated[str, Field(min_length=1, max_length=200)]
EnterpriseIds = Annotated[list[Id], Field(max_length=500, description="到场企业")]


class EventCreate(ExternalIdIn):
    kind: EventKind
    title: Title
    event_date: RecordDate
    region: Region
    place: Text200 = ""
    description: Text2000 = ""
    enterprise_ids: EnterpriseIds = []
    unit_id: Id | None = Field(default=None, description="主办单位；留空为本单位")


class EventUpdate(ExternalIdIn):
    kind: EventKind | None = None
    title: Title | None = None
    event_date: RecordDate | None = None
    region: Region | None = None
    place: Text200 | None = None
    description: Text2000 | None = None
    enterprise_ids: EnterpriseIds | None = Field(default=None, description="给出时整体替换到场企业")


class EventPublic(VerifiedMeta):
    kind: EventKind
    title: str
    event_date: date
    region: Region
    place: str
    description: str
    enterprises: list[EnterpriseRef] = []
    signed_project_ids: list[int] = []


class EventsPublic(ListMeta):
    data: list[EventPublic]
