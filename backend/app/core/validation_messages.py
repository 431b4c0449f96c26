"""Pydantic error types turned into short Chinese messages a county staffer can act on."""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

MESSAGES: dict[str, str] = {
    "missing": "必填",
    "extra_forbidden": "不允许的字段",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_type": "应为文本",
    "string_pattern_mismatch": "格式不正确",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_max_places": "小数位不能超过 {decimal_places} 位",
    "decimal_max_digits": "数字位数过多",
    "decimal_whole_digits": "整数部分位数过多",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "datetime_parsing": "时间格式应为 ISO 8601",
    "datetime_from_date_parsing": "时间格式应为 ISO 8601",
    "enum": "取值应为以下之一：{expected}",
    "literal_error": "取值应为以下之一：{expected}",
    "list_type": "应为列表",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "json_invalid": "JSON 格式错误",
    "uuid_parsing": "应为 UUID",
    "finite_number": "应为有限数字",
    "string_unicode": "文本含无效字符",
    "value_error": "{msg}",
    "assertion_error": "{msg}",
}


# Chinese names of the fields a summary names (the money fields of every record kind, and a few more), so the
# detail says "总投资 不能为负数" rather than only the API's key.
FIELD_ZH: dict[str, str] = {
    "total_investment": "总投资", "outside_province_investment": "省外资金", "foreign_investment": "外资",
    "intended_amount": "意向投资额", "amount": "金额", "threshold": "目标值", "delta": "调整值",
    "visit_date": "走访日期", "held_on": "举办日期", "period": "报送月份", "signed_on": "签约日期",
    "negotiating_on": "在谈日期", "started_on": "开工日期", "in_production_on": "投产日期", "dropped_on": "终止日期",
    "landing_unit_id": "落地单位", "name": "名称", "enterprise_ids": "企业", "credits": "贡献份额",
}
NEGATIVE = "不能为负数"


def _negative(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return Decimal(str(value).strip()) < 0
    except (InvalidOperation, ValueError):
        return False


def field_label(field: str) -> str:
    """"total_investment" → "总投资（total_investment）"; a key without a Chinese name stays as it is."""
    zh = FIELD_ZH.get(field.rsplit(".", 1)[-1])
    return f"{zh}（{field}）" if zh else field


def summary(errors: list[dict[str, Any]], limit: int = 5) -> str:
    """The problem's detail: each field by its Chinese name with its message."""
    return "；".join(f"{field_label(e['field'])}：{e['message']}" for e in errors[:limit])


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "")


def translate_errors(errors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        template = MESSAGES.get(err.get("type", ""), "")
        ctx = dict(err.get("ctx") or {})
        ctx.setdefault("msg", str(err.get("msg", "")).removeprefix("Value error, "))
        ctx = {k: (str(v) if not isinstance(v, str) else v) for k, v in ctx.items()}
        try:
            message = template.format(**ctx) if template else str(err.get("msg", "无效"))
        except (KeyError, IndexError):
            message = str(err.get("msg", "无效"))
        if err.get("type") in ("greater_than", "greater_than_equal") and _negative(err.get("input")):
            message = NEGATIVE  # a negative amount is never right; "应大于或等于 0" reads like a range
        loc = tuple(err.get("loc") or ())
        out.append({"field": _field(loc), "location": loc[0] if loc else None,
                    "message": message, "type": err.get("type")})
    return out
