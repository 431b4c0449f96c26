"""The counting rules where the plan is ambiguous, as settings the office changes without code.

Each setting says in words (zh, en) what it decides; figures show the rule text beside them.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from app.targets.models import RuleVersion


class Rules(BaseModel):
    # one schema for reading and writing (a decimal is sent as number or string, answered as string), so the
    # OpenAPI document has one `Rules`, not `Rules-Input` and `Rules-Output`
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_mode_override="validation")

    yi_inclusive: bool = Field(
        default=True,
        description="过亿元：true 为总投资 ≥ 10,000 万元，false 为 > 10,000 万元 / 'over 100m' includes exactly 100m")
    china500_lists: list[str] = Field(
        default_factory=list,
        description="哪些“中国500强”榜单计入（为空表示任何榜单）/ which China-500 lists count (empty: any)")
    territorial_attribution: Literal["landing", "credit", "both"] = Field(
        default="landing",
        description="县区、开发区的项目按落地单位、按贡献份额或两者计 / projects count for a county or zone "
                    "by landing unit, by credit share, or both")
    credit_weighting: Literal["weighted", "full"] = Field(
        default="weighted",
        description="按份额计入时加权（如 40% 计 0.4 个）或全额计入 / a credit share counts by its weight or fully")
    landed_stage: Literal["signed", "started", "in_production"] = Field(
        default="started", description="“落地/引进”指项目达到的阶段 / the stage at which a project has 'landed'")
    funds_target_scope: Literal["per_unit", "city_total"] = Field(
        default="city_total",
        description="目标3（过亿元项目到位资金）按全市合计考核或各单位分别考核 / "
                    "target 3 binds the city total or each unit")
    events_each_region: bool = Field(
        default=True,
        description="目标10要求京津冀、长三角、珠三角各至少1次（否则任一地区即可）/ target 10 needs every region "
                    "(else any)")
    city_visits_include_territorial: bool = Field(
        default=True,
        description="全市1000家走访与县区各100家走访可为同一批走访 / "
                    "the city's 1,000 visits may be the counties' visits")
    rag_amber_ratio: Decimal = Field(
        default=Decimal("0.8"), ge=0, le=1,
        description="完成率不低于时间进度的该比例为黄灯，否则红灯 / amber when progress ≥ this share of time elapsed")


DEFAULT_RULES = Rules()


def load(session: OrmSession, version_id: int | None = None) -> tuple[int | None, Rules]:
    """The rules of a given version, or the newest; (None, defaults) before the office set any."""
    stmt = select(col(RuleVersion.id), col(RuleVersion.settings))
    stmt = stmt.where(col(RuleVersion.id) == version_id) if version_id else stmt.order_by(col(RuleVersion.id).desc())
    row = session.execute(stmt.limit(1)).first()
    if row is None:
        return None, DEFAULT_RULES
    return row[0], parsed(row[1])


@lru_cache(maxsize=64)
def parsed(settings: str) -> Rules:
    """Rules as stored (`model_dump_json`: a version's settings, a rollup slice's rules), parsed once per process:
    every write reads them. Shared: Rules is frozen, a change is saved as a new version."""
    return Rules.model_validate_json(settings)


def save(session: Session, rules: Rules, *, reason: str, actor: str) -> RuleVersion:
    row = RuleVersion(settings=rules.model_dump_json(), reason=reason, created_by=actor)
    session.add(row)
    session.flush()
    return row


def yi(rules: Rules) -> Callable[[Any], ColumnElement[bool]]:
    """The 过亿元 test on a total-investment column."""
    threshold = Decimal("10000")
    return (lambda col: col >= threshold) if rules.yi_inclusive else (lambda col: col > threshold)
