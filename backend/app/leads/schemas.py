from datetime import date
from typing import Annotated

from pydantic import Field

from app.core.schemas import Id, Money, RecordDate, Text50, Text100, Text2000
from app.leads.models import LeadSource, LeadState
from app.records.schemas import EnterpriseRef, ExternalIdIn, ListMeta, RecordMeta


class LeadCreate(ExternalIdIn):
    enterprise_id: Id
    source: LeadSource
    received_on: RecordDate
    assigned_unit_id: Id | None = Field(default=None, description="分派给哪个单位跟进")
    cluster_id: Id | None = None
    intended_industry: Text100 = ""
    intended_amount: Money | None = Field(default=None, description="意向投资额（万元）")
    contact_name: Text50 = ""
    contact_phone: Annotated[str, Field(max_length=30, pattern=r"^[0-9+\-() ]*$")] = ""
    description: Text2000 = ""
    unit_id: Id | None = Field(default=None, description="录入单位；留空为本单位")


class LeadUpdate(ExternalIdIn):
    enterprise_id: Id | None = None
    source: LeadSource | None = None
    received_on: RecordDate | None = None
    assigned_unit_id: Id | None = None
    cluster_id: Id | None = None
    intended_industry: Text100 | None = None
    intended_amount: Money | None = None
    contact_name: Text50 | None = None
    contact_phone: Annotated[str, Field(max_length=30, pattern=r"^[0-9+\-() ]*$")] | None = None
    description: Text2000 | None = None
    state: LeadState | None = None


class LeadPublic(RecordMeta):
    enterprise_id: int
    enterprise: EnterpriseRef | None = None
    source: LeadSource
    received_on: date
    assigned_unit_id: int | None
    cluster_id: int | None
    intended_industry: str
    intended_amount: Money | None
    contact_name: str
    contact_phone: str
    description: str
    state: LeadState
    visit_ids: list[int] = []
    project_ids: list[int] = []


class LeadsPublic(ListMeta):
    data: list[LeadPublic]
