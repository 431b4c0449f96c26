"""Base classes and bounded types for request and response bodies."""

from typing import Annotated, Any

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, field_validator

INT32_MAX = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=INT32_MAX)]
IdPath = Annotated[int, Path(ge=1, le=INT32_MAX, description="记录编号")]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=4000)]


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
