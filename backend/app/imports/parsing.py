"""Reading what real sheets hold, tolerantly: dates as Excel dates or `2019.5.1`, `2019/5/1`, `2019年5月1日`,
`2019-05-01`; money with thousands separators, a `万元` suffix or full-width digits; yes/no in words; codes by
their Chinese label or the code. Each parser returns the value or raises `CellError` with a Chinese message."""

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

EXCEL_EPOCH = date(1899, 12, 30)
DATE_HINT = "日期格式无法识别（可写 2019-05-01、2019/5/1、2019.5.1 或 2019年5月1日）"
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_SEPARATORS = re.compile(r"[,，\s_']")
_YES = {"是", "y", "yes", "true", "1", "√", "✓", "有"}
_NO = {"否", "n", "no", "false", "0", "×", "无", "不是"}


class CellError(ValueError):
    """A cell's value cannot be read; the message is shown as it is."""


def norm(value: Any) -> str:
    """Text as a person meant it: full-width folded to half-width (NFKC), spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(value: Any) -> bool:
    return norm(value) == ""


def text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial number in a cell formatted as General
    found = _DATE.fullmatch(norm(value))
    if not found:
        raise CellError(DATE_HINT)
    try:
        return date(*(int(g) for g in found.groups()))
    except ValueError as exc:
        raise CellError("日期不存在（月或日超出范围）") from exc


def to_month(value: Any) -> date:
    """A report month: any date of it, or `2019-05`, `2019.5`, `2019年5月`."""
    try:
        return to_date(value).replace(day=1)
    except CellError:
        found = _MONTH.fullmatch(norm(value))
        if not found or not 1 <= int(found.group(2)) <= 12:
            raise CellError("月份格式无法识别（可写 2019-05 或 2019年5月）") from None
        return date(int(found.group(1)), int(found.group(2)), 1)


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raw = _SEPARATORS.sub("", norm(value)).removesuffix("万元").removesuffix("万").removeprefix("¥").removeprefix("￥")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError("应为数字（金额以万元计，如 12,500 或 12500万元）") from None
    if not number.is_finite():
        raise CellError("应为数字")
    return number


def to_int(value: Any) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellError("应为整数")
    return int(number)


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = norm(value).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError("应填“是”或“否”")


def to_code(value: Any, labels: Mapping[str, str]) -> str:
    """A code from its Chinese label or the code itself (`signed` or 签约)."""
    word = norm(value)
    by_label = {unicodedata.normalize("NFKC", label): code for code, label in labels.items()}
    if word in by_label:
        return by_label[word]
    if word.lower() in labels:
        return word.lower()
    raise CellError("应为下列之一：" + "、".join(labels.values()))


def split_list(value: Any) -> list[str]:
    """Several names in one cell, separated by 、 , ; or new lines."""
    return [part.strip() for part in re.split(r"[、,;；\n]", norm(value)) if part.strip()]


_SHARE = re.compile(r"(.+?)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*%?")


def split_shares(value: Any) -> list[tuple[str, Decimal]]:
    """Credit shares as `东昌府区 60%；开发区 40%` (or `东昌府区:60`)."""
    out = []
    for part in re.split(r"[、,;；\n]", norm(value)):
        if not part.strip():
            continue
        found = _SHARE.fullmatch(part.strip())
        if not found:
            raise CellError("贡献份额应写作“单位名称 百分比”，多个以“；”分隔，如：东昌府区 60%；聊城高新区 40%")
        out.append((found.group(1).strip(), Decimal(found.group(2))))
    return out
