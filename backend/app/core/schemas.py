"""Base classes and bounded types for request and response bodies."""

from decimal import Decimal
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, field_validator

INT32_MAX = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=INT32_MAX)]
IdPath = Annotated[int, Path(ge=1, le=INT32_MAX, description="记录编号")]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=4000)]

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
