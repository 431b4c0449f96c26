"""Base classes and bounded types for request and response bodies."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator

from app.core.time import city_today as today

INT32_MAX = 2**31 - 1



def _not_bool(value: Any) -> Any:
    """JSON true/false is not a record number (pydantic would read true as 1)."""
    if isinstance(value, bool):
        raise ValueError("应为整数编号")
    return value


Id = Annotated[int, Field(ge=1, le=INT32_MAX), BeforeValidator(_not_bool)]
IdPath = Annotated[int, Path(ge=1, le=INT32_MAX, description="记录编号")]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=4000)]
# free text of at most N characters: one name per bound, so a create body and its update say the same limit
Text50 = Annotated[str, Field(max_length=50)]
Text100 = Annotated[str, Field(max_length=100)]
Text200 = Annotated[str, Field(max_length=200)]
Text300 = Annotated[str, Field(max_length=300)]
Text500 = Annotated[str, Field(max_length=500)]
Text1000 = Annotated[str, Field(max_length=1000)]
Text2000 = Annotated[str, Field(max_length=2000)]

MONEY_MAX = Decimal("99999999999999.99")
# 万元 with two places. In JSON it is always a string ("12500.00") so no client parses it as a float;
# inputs accept a string or a number with at most two decimals.
TWO_PLACES = Decimal("0.01")
Money = Annotated[
    Decimal,
    Field(ge=0, le=MONEY_MAX, max_digits=16, decimal_places=2, examples=["12500.00"]),
    AfterValidator(lambda v: v.quantize(TWO_PLACES)),
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
]

EARLIEST_RECORD_DATE = date(2000, 1, 1)


def _plausible_record_date(value: date) -> date:
    """A record's date (visit, lead, stage, funds month, event) lies between 2000 and today: an older or later
    one is a typo, and would later count in no quarter or overflow the rollups' date arithmetic."""
    if value < EARLIEST_RECORD_DATE:
        raise ValueError("日期不能早于 2000-01-01")
    if value > today():
        raise ValueError("日期不能晚于今天")
    return value


RecordDate = Annotated[date, AfterValidator(_plausible_record_date)]


def _plausible_plan_date(value: date) -> date:
    """A target set's dates: from 2000 to five years ahead, so rankings and quarters stay in range."""
    if not EARLIEST_RECORD_DATE <= value <= date(today().year + PLAN_YEARS_AHEAD, 12, 31):
        raise ValueError(f"日期应在 2000-01-01 至 {today().year + PLAN_YEARS_AHEAD}-12-31 之间")
    return value


PLAN_YEARS_AHEAD = 5
PlanDate = Annotated[date, AfterValidator(_plausible_plan_date)]


def _reject_nul(value: Any) -> Any:
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("文本中不能包含空字符 (NUL)")
        return value
    if isinstance(value, list | tuple | set):
        for item in value:
            _reject_nul(item)
    return value


class InputModel(BaseModel):
    """Every request body: unknown fields are refused, strings are trimmed and may not hold NUL."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        return _reject_nul(value)


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)
