from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field, TypeAdapter
from typing_extensions import TypedDict

from app.core.schemas import Money
from app.records.models import Region

Figure = Money  # figures are exact decimals, sent as strings ("12.50"): counts may be weighted by shares


# Plain dicts rather than models (TypedDict): a city dashboard carries over a hundred figures with a dozen trend
# points each, and building that many models costs more than the rest of the answer.
class TrendPoint(TypedDict):
    """已核实数字按月 / the verified figure of one month."""

    month: str
    value: Figure


class ProgressItem(TypedDict):
    """一个目标对一个单位（或全市）的完成情况 / one target's figure for a unit or the city."""

    target_id: int
    code: str
    metric: str
    title_zh: str
    title_en: str
    period: str
    applies_to: str
    unit_id: int | None
    unit_name: str | None
    unit_type: str | None
    window_start: date
    window_end: date
    period_end: date
    value_kind: str
    threshold: Figure | None
    actual: Figure
    reported: Figure
    unverified: Figure
    ratio: Decimal | None
    elapsed_ratio: Decimal
    status: str
    colour: str
    rule_zh: str
    rule_en: str
    trend: list[TrendPoint]


ITEMS = TypeAdapter(list[ProgressItem])  # for storing figures (frozen quarters) exactly as the API shows them


class ProgressPublic(BaseModel):
    target_set_id: int
    year: int
    quarter: int | None
    as_of: date
    rule_version_id: int | None
    rules_pending: bool = Field(
        default=False, description="计数规则已更改、新规则下的数字仍在后台计算：当前显示的是原规则下的数字 / the rules "
                                   "changed and the figures under the new ones are still being built: these are the "
                                   "figures under the rules in force before")
    items: list[ProgressItem]


class RankingRow(BaseModel):
    rank: int
    unit_id: int
    unit_name: str
    actual: Figure
    threshold: Figure | None
    ratio: Decimal | None


class RankingByTarget(BaseModel):
    target_id: int
    code: str
    title_zh: str
    rows: list[RankingRow]


class OverallRow(BaseModel):
    rank: int
    unit_id: int
    unit_name: str
    score: Decimal
    targets_met: int
    targets: int


class RankingPublic(BaseModel):
    unit_type: str
    year: int
    quarter: int | None
    by_target: list[RankingByTarget]
    overall: list[OverallRow]


class DrilldownRow(BaseModel):
    record_type: str
    id: int
    unit_id: int | None
    on: date
    status: str
    value: Figure
    label: str = Field(description="记录摘要：企业名称、项目名称或活动名称")
    href: str


class DrilldownPart(BaseModel):
    """One region of a figure reduced over regions (T10: the region with fewest events is the figure)."""

    region: Region
    label_zh: str
    count: int
    total: Figure


class DrilldownPublic(BaseModel):
    target_id: int
    code: str
    title_zh: str
    title_en: str
    metric: str
    value_kind: str = Field(description="count（条数/个数）或 money（万元）")
    record_type: str
    unit_id: int | None
    window_start: date
    window_end: date
    verified_only: bool
    count: int = Field(description="所列记录条数")
    total: Figure = Field(description="等于指标数；按地区取最少者的指标（parts 非空）为最少地区之和")
    rule_zh: str
    rule_en: str
    region: Region | None = Field(None, description="只列该地区的记录（按地区统计的指标）")
    parts: list[DrilldownPart] = Field(default_factory=list,
                                       description="按地区统计的指标：各地区的条数与合计，指标取其最少者")
    next_cursor: str | None
    data: list[DrilldownRow]


class FunnelStep(BaseModel):
    step: str
    label_zh: str
    count: int


class FunnelPublic(BaseModel):
    year: int
    unit_id: int | None
    steps: list[FunnelStep]
    signed_investment: Figure
    funds_in_place: Figure
    fulfilment_rate: Decimal | None  # 履约率: signed projects not dropped / signed
    start_rate: Decimal | None  # 开工率
    production_rate: Decimal | None  # 投产率
    funds_rate: Decimal | None  # 资金到位率: funds in place / total investment of signed projects


class MetricPublic(BaseModel):
    key: str
    name_zh: str
    name_en: str
    value_kind: str = Field(description="count（条数/个数）或 money（万元）")
    record_type: str = Field(description="明细记录类型：visit / project / funds_report / event / lead")
    rule_zh: str = Field(description="按当前计分规则的计数口径")
    rule_en: str


class MetricsPublic(BaseModel):
    rule_version_id: int | None
    data: list[MetricPublic]
