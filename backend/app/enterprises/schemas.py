import json
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, field_validator

from app.core.schemas import InputModel, OutputModel, Text50, Text100, Text500
from app.records.schemas import ExternalIdIn, ExternalIdOut, ListMeta

Name = Annotated[str, Field(min_length=2, max_length=200)]
Place = Text50


class EnterpriseFields(ExternalIdIn):
    uscc: Annotated[str, Field(max_length=18)] | None = Field(default=None, description="统一社会信用代码")
    uscc_override_reason: Text500 | None = Field(
        default=None, description="校验位不符但确属合法代码时，填写原因即可保存")
    country: Place = "中国"
    province: Place = ""
    city: Place = ""
    industry: Text100 = ""
    is_fortune500: bool = False
    is_china500: bool = False
    china500_list: Text50 | None = None
    china500_year: Annotated[int, Field(ge=1990, le=2100)] | None = None
    is_central_soe: bool = False
    is_champion: bool = False
    is_unicorn: bool = False
    is_industry_leader: bool = False
    is_listed: bool = False
    is_internet_plus: bool = False
    is_association: bool = False

    @field_validator("uscc", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() or None if isinstance(value, str) else value


class EnterpriseCreate(EnterpriseFields):
    name: Name
    former_names: Annotated[list[Name], Field(max_length=20)] = []
    confirm_not_duplicate: bool = Field(default=False, description="已确认不是重复企业，仍要新建")


class EnterpriseUpdate(ExternalIdIn):
    name: Name | None = None
    uscc: Annotated[str, Field(max_length=18)] | None = None
    uscc_override_reason: Text500 | None = None
    country: Place | None = None
    province: Place | None = None
    city: Place | None = None
    industry: Text100 | None = None
    is_fortune500: bool | None = None
    is_china500: bool | None = None
    china500_list: Text50 | None = None
    china500_year: Annotated[int, Field(ge=1990, le=2100)] | None = None
    is_central_soe: bool | None = None
    is_champion: bool | None = None
    is_unicorn: bool | None = None
    is_industry_leader: bool | None = None
    is_listed: bool | None = None
    is_internet_plus: bool | None = None
    is_association: bool | None = None

    _upper = field_validator("uscc", mode="before")(EnterpriseFields._upper.__func__)  # type: ignore[attr-defined]  # the classmethod's function, reused


class EnterpriseMerge(InputModel):
    into_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    reason: Annotated[str, Field(min_length=1, max_length=1000)]


class DuplicateCandidate(OutputModel):
    id: int
    name: str
    uscc: str | None
    reason: str


class DuplicateCandidates(OutputModel):
    data: list[DuplicateCandidate]


class EnterprisePublic(ExternalIdOut):
    id: int
    name: str
    former_names: list[str]
    uscc: str | None
    uscc_override_reason: str | None
    country: str
    province: str
    city: str
    industry: str
    is_fortune500: bool
    is_china500: bool
    china500_list: str | None
    china500_year: int | None
    is_central_soe: bool
    is_champion: bool
    is_unicorn: bool
    is_industry_leader: bool
    is_listed: bool
    is_internet_plus: bool
    is_association: bool
    merged_into_id: int | None
    merge_reason: str | None
    proposed_classes: dict[str, bool | str | None] | None = Field(
        description="单位提出、待办公室核实的类别变更（字段 → 新值）；核实前各项指标仍按现有类别计")
    classes_proposed_by: str | None
    classes_proposed_by_unit_id: int | None
    classes_proposed_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @field_validator("former_names", "proposed_classes", mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class EnterprisesPublic(ListMeta, OutputModel):
    data: list[EnterprisePublic]
