"""The API of 项目协调: an item with its replies, the step requests, and the quarterly meeting list."""

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.coordination.models import CoordinationCategory, CoordinationProgress, CoordinationStatus
from app.core.schemas import Id, InputModel, Money, OutputModel
from app.projects.models import Stage
from app.records.schemas import ListMeta

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Quarter = Annotated[int, Field(ge=1, le=4)]

class CoordinationItemCreate(InputModel):
    project_id: Id
    category: CoordinationCategory
    description: Text = Field(description="卡在哪里：问题的具体情况")
    ask: Text = Field(description="需要协调解决的事项（诉求）")

class CoordinationAssign(InputModel):
    assignee_unit_id: Id = Field(description="责任单位（通常为市直部门）")
    due_date: date = Field(description="办理时限（不早于今天）")

class CoordinationReplyCreate(InputModel):
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    progress: CoordinationProgress = Field(description="in_progress 办理中；done 已办结（待办公室确认）")

class CoordinationEscalate(InputModel):
    year: Year
    quarter: Quarter
    reason: Text = Field(description="提交领导小组季度会议研究的理由")

class CoordinationClose(InputModel):
    note: Text = Field(description="办结说明")

class CoordinationReplyPublic(OutputModel):
    id: int
    unit_id: int
    unit_name: str
    author: str
    text: str
    progress: CoordinationProgress
    created_at: datetime

class CoordinationItemPublic(OutputModel):
    id: int
    project_id: int
    project_name: str
    raised_by_unit_id: int
    raised_by_unit_name: str
    category: CoordinationCategory
    description: str
    ask: str
    status: CoordinationStatus
    assignee_unit_id: int | None
    assignee_unit_name: str | None
    due_date: date | None
    overdue: bool = Field(description="已过办理时限且未办结（按聊城日期）")
    days_open: int = Field(description="提出至今（已办结：至办结）的天数")
    escalated_year: int | None
    escalated_quarter: int | None
    replies: list[CoordinationReplyPublic]
    created_at: datetime
    closed_at: datetime | None
    version: int

class CoordinationItemsPublic(ListMeta):
    data: list[CoordinationItemPublic]

class MeetingItem(OutputModel):
    id: int
    category: CoordinationCategory
    description: str
    ask: str
    status: CoordinationStatus
    raised_by_unit_name: str
    assignee_unit_name: str | None = Field(description="责任单位")
    due_date: date | None
    overdue: bool
    days_open: int
    escalated: bool = Field(description="已提交本季度会议")

class MeetingProject(OutputModel):
    project_id: int
    project_name: str
    stage: Stage
    total_investment: Money
    landing_unit_name: str | None
    items: list[MeetingItem]

class MeetingListPublic(OutputModel):
    year: int
    quarter: int
    as_of: date
    min_investment: Money = Field(description="重大项目的投资额门槛（万元）")
    stages: list[Stage] = Field(description="纳入的项目阶段")
    projects: list[MeetingProject]
