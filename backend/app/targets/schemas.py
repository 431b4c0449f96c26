from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from app.core.schemas import TWO_PLACES, Id, InputModel, OutputModel, PlanDate, Text50, Text300, Text1000
from app.targets.models import AppliesTo, Period
from app.targets.rules import Rules

Threshold = Annotated[Decimal, Field(ge=0, le=Decimal("99999999999999.99"), max_digits=16, decimal_places=2),
                      AfterValidator(lambda v: v.quantize(TWO_PLACES))]
UNIT_TYPES = ("office", "industry_group", "county", "dev_zone", "department", "chamber", "territorial")


class TargetPublic(OutputModel):
    id: int
    target_set_id: int
    code: str
    metric: str
    applies_to: AppliesTo
    unit_type: str | None
    unit_id: int | None
    threshold: Decimal
    period: Period
    title_zh: str
    title_en: str
    note: str
    exempt_unit_ids: list[int] = Field(description="该类型中不适用本目标的单位（如牵头产业团组的市直部门）")


class TargetSetPublic(OutputModel):
    id: int
    code: str
    name: str
    start_date: date
    end_date: date
    active: bool
    targets: list[TargetPublic] = []


class TargetSetsPublic(OutputModel):
    data: list[TargetSetPublic]


class TargetCreate(InputModel):
    code: Annotated[str, Field(min_length=1, max_length=20)]
    metric: Text50
    applies_to: AppliesTo
    unit_type: Annotated[str, Field(max_length=20)] | None = None
    unit_id: Id | None = None
    threshold: Threshold
    period: Period
    title_zh: Annotated[str, Field(min_length=1, max_length=200)]
    title_en: Text300 = ""
    note: Text1000 = ""

    @model_validator(mode="after")
    def _scope(self) -> "TargetCreate":
        if self.applies_to in (AppliesTo.unit_type, AppliesTo.unit_type_total) and self.unit_type not in UNIT_TYPES:
            raise ValueError(f"unit_type 应为：{'、'.join(UNIT_TYPES)}")
        if self.applies_to == AppliesTo.unit and self.unit_id is None:
            raise ValueError("单位目标需要 unit_id")
        return self


class TargetUpdate(InputModel):
    threshold: Threshold | None = None
    title_zh: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    title_en: Text300 | None = None
    note: Text1000 | None = None
    exempt_unit_ids: Annotated[list[Id], Field(max_length=500)] | None = Field(
        default=None, description="该类型中不适用本目标的单位（整体替换；[] 表示全部适用）")


class TargetSetCreate(InputModel):
    code: Annotated[str, Field(min_length=1, max_length=32)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    start_date: PlanDate
    end_date: PlanDate
    copy_from_id: Id | None = Field(default=None, description="复制该方案的全部目标")

    @model_validator(mode="after")
    def _dates(self) -> "TargetSetCreate":
        if self.end_date < self.start_date:
            raise ValueError("结束日期不能早于开始日期")
        return self


class RulesUpdate(InputModel):
    rules: Rules
    reason: Annotated[str, Field(min_length=1, max_length=1000)]


class RuleVersionPublic(OutputModel):
    id: int | None
    rules: Rules
    reason: str
    created_by: str
    created_at: datetime | None
    descriptions: dict[str, str] = {}


class RuleVersionsPublic(OutputModel):
    data: list[RuleVersionPublic]
