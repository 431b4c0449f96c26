"""What the dispatch report (调度通报) says, once: its sections, rows and typed figures.

The workbook, the PDF and the printable page all draw this one layout, so they show the same figures with the
same rounding: a rate is a percentage with one decimal (47.4%), a count an integer (474; a count weighted by
credit shares keeps two decimals), money two decimals. Every row states its unit of measure (计量单位), so no
column mixes counts and money unlabelled. Money is in 万元, except a target the plan states in 亿元 (1000 亿元
of signed investment, 100 亿元 of departments' funds): the office reads and quotes those in 亿元, and
10,000,000 万元 is a number nobody says aloud, so that row's figures are shown in 亿元.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from app.core.ooxml import CITY_TZ
from app.progress.views import ranking_from_dicts

TITLE = "聊城市招商引资工作调度通报"
ISSUER = "聊城市产业招商领导小组办公室"
YI = Decimal("10000")  # 1 亿元 in 万元
STATUS_ZH = {"ahead": "已完成", "on_track": "进度正常", "behind": "滞后", "missed": "未完成", "no_target": "—"}
ADJUSTMENT_STATUS_ZH = {"proposed": "待审批", "approved": "已批准", "rejected": "已驳回"}
TYPE_SECTIONS = [("territorial", "排名-县区和开发区", "县（市、区）和市属开发区"),
                 ("industry_group", "排名-产业团组", "产业招商团组"),
                 ("department", "排名-市直部门", "市直部门"), ("chamber", "排名-商会", "聊城商会")]


class Fmt(Enum):
    """How a figure is shown: (Excel number format, decimals of the text, text suffix)."""

    COUNT = ("#,##0", 0, "")
    SHARE = ("#,##0.00", 2, "")  # a count weighted by credit shares
    MONEY = ("#,##0.00", 2, "")
    PERCENT = ("0.0%", 1, "%")

    @property
    def excel(self) -> str:
        return self.value[0]


@dataclass(frozen=True, slots=True)
class Num:
    """A figure: the exact value written to the workbook and how it is shown."""

    value: Decimal
    fmt: Fmt

    @property
    def text(self) -> str:
        _, places, suffix = self.fmt.value
        shown = self.value * 100 if self.fmt is Fmt.PERCENT else self.value
        rounded = shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{rounded:,.{places}f}{suffix}"


Cell = Num | str | None


def cell_text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Num) else (cell or "")


@dataclass(slots=True)
class Table:
    """One sheet of the workbook and one section of the PDF."""

    sheet: str
    heading: str
    header: list[str]
    widths: list[float]  # in characters (the workbook); the PDF scales them to the page
    rows: list[list[Cell]] = field(default_factory=list)
    fills: list[str | None] = field(default_factory=list)  # red / amber / green per row


@dataclass(slots=True)
class Report:
    title: str  # with the quarter
    period: str
    as_of: str
    info: list[tuple[str, str]]  # the snapshot's particulars (the 说明 sheet, the PDF's last lines)
    summary: str
    tables: list[Table]
    behind_units: list[str]
    issued_on: str
    content_hash: str
    name: str = TITLE  # the heading of the PDF's first page (another list drawn alike names itself)
    stamp: str = "快照"  # what the hash in the workbook's footer is of


def _measure(item: dict[str, Any]) -> tuple[str, Decimal]:
    """(unit of measure, divisor from the stored figure) for an item."""
    if item["value_kind"] != "money":
        return "个", Decimal(1)
    threshold = Decimal(item["threshold"]) if item["threshold"] is not None else Decimal(0)
    if threshold >= YI and threshold % YI == 0:
        return "亿元", YI
    return "万元", Decimal(1)


def _figure(item: dict[str, Any], text: str | None) -> Num | None:
    if text is None:
        return None
    value = Decimal(text)
    unit, divisor = _measure(item)
    if unit == "个":
        return Num(value, Fmt.COUNT if value == value.to_integral_value() else Fmt.SHARE)
    return Num(value / divisor, Fmt.MONEY)


def _rate(text: str | Decimal | None) -> Num | None:
    return None if text is None else Num(Decimal(text), Fmt.PERCENT)


def _count(n: int) -> Num:
    return Num(Decimal(n), Fmt.COUNT)


def _standing(unit_items: list[dict[str, Any]]) -> str:
    """far (a target far behind: red), behind (behind or missed), on (the rest)."""
    if any(i["status"] in ("behind", "missed") and i["colour"] == "red" for i in unit_items):
        return "far"
    if any(i["status"] in ("behind", "missed") for i in unit_items):
        return "behind"
    return "on"


def _summary(unit_items: list[dict[str, Any]]) -> tuple[str, list[str]]:
    per_unit: dict[str, list[dict[str, Any]]] = {}
    for i in unit_items:
        per_unit.setdefault(i["unit_name"] or "", []).append(i)
    standing = {name: _standing(items) for name, items in per_unit.items()}
    on, behind, far = (sum(1 for s in standing.values() if s == k) for k in ("on", "behind", "far"))
    text = (f"纳入调度的 {len(per_unit)} 个单位中，{on} 个单位各项目标进度正常或已完成，"
            f"{behind} 个单位有目标进度滞后，{far} 个单位有目标严重滞后或未完成。")
    return text, sorted(name for name, s in standing.items() if s != "on")


def _adjustment_rows(adjustments: list[dict[str, Any]], items: list[dict[str, Any]]) -> list[list[Cell]]:
    by_key = {(i["target_id"], i["unit_id"]): i for i in items}
    rows: list[list[Cell]] = []
    for a in adjustments:
        item = by_key.get((a["target_id"], a["unit_id"]))
        unit, _ = _measure(item) if item else ("", Decimal(1))
        rows.append([str(a["id"]), item["code"] if item else str(a["target_id"]),
                     (item["unit_name"] if item else None) or "全市", unit,
                     _figure(item, a["delta"]) if item else Num(Decimal(a["delta"]), Fmt.MONEY), a["reason"],
                     ADJUSTMENT_STATUS_ZH.get(a["status"], a["status"]), a["proposed_by"], a["decided_by"]])
    return rows


def _city(items: list[dict[str, Any]]) -> Table:
    city = Table("汇总", "一、全市目标完成情况",
                 ["目标", "计量单位", "完成数（已核实）", "目标值", "完成率", "时间进度", "状态", "已报未核",
                  "调整后", "计数口径"], [44, 10, 14, 14, 10, 10, 10, 12, 12, 50])
    for i in (i for i in items if i["unit_id"] is None):
        city.rows.append([i["title_zh"], _measure(i)[0], _figure(i, i["actual"]), _figure(i, i["threshold"]),
                          _rate(i["ratio"]), _rate(i["elapsed_ratio"]), STATUS_ZH.get(i["status"], i["status"]),
                          _figure(i, i["unverified"]), _figure(i, i["adjusted_actual"]), i["rule_zh"]])
        city.fills.append(i["colour"] if i["colour"] in ("red", "amber", "green") else None)
    return city


def _rankings(items: list[dict[str, Any]]) -> list[Table]:
    tables = []
    for numeral, (unit_type, sheet, label) in zip("二三四五", TYPE_SECTIONS, strict=True):
        ranking = Table(sheet, f"{numeral}、{label}综合排名",
                        ["名次", "单位", "综合完成率", "达标目标数", "考核目标数"], [8, 36, 14, 14, 14])
        for r in ranking_from_dicts(items, unit_type):
            ranking.rows.append([_count(r["rank"]), r["unit_name"], _rate(r["score"]), _count(r["met"]),
                                 _count(r["targets"])])
            ranking.fills.append(None if r["met"] == r["targets"] else
                                 ("red" if r["score"] < Decimal("0.5") else "amber"))
        tables.append(ranking)
    return tables


def _behind(unit_items: list[dict[str, Any]]) -> Table:
    behind = Table("未达进度单位", "六、进度滞后单位",
                   ["单位", "目标", "计量单位", "完成数", "目标值", "完成率", "时间进度", "状态"],
                   [30, 44, 9, 12, 12, 10, 10, 10])
    for i in (i for i in unit_items if i["status"] in ("behind", "missed")):
        behind.rows.append([i["unit_name"], i["title_zh"], _measure(i)[0], _figure(i, i["actual"]),
                            _figure(i, i["threshold"]), _rate(i["ratio"]), _rate(i["elapsed_ratio"]),
                            STATUS_ZH[i["status"]]])
        behind.fills.append(i["colour"])
    return behind


def _detail(unit_items: list[dict[str, Any]]) -> Table:
    detail = Table("明细", "七、各单位目标完成明细",
                   ["单位", "目标编号", "目标", "计量单位", "完成数", "已报未核", "目标值", "完成率", "状态",
                    "调整", "调整后"], [30, 9, 44, 9, 12, 12, 12, 10, 10, 10, 12])
    for i in unit_items:
        detail.rows.append([i["unit_name"], i["code"], i["title_zh"], _measure(i)[0], _figure(i, i["actual"]),
                            _figure(i, i["unverified"]), _figure(i, i["threshold"]), _rate(i["ratio"]),
                            STATUS_ZH.get(i["status"], i["status"]), _figure(i, i["adjustment_total"]),
                            _figure(i, i["adjusted_actual"])])
        detail.fills.append(i["colour"] if i["status"] in ("behind", "missed") else None)
    return detail


FORMATS_NOTE = ("完成率、时间进度为百分比（保留一位小数）；个数为整数（按分摊比例计的个数保留两位小数）；"
                "金额保留两位小数，单位见每行「计量单位」：万元，计划以亿元表述的目标按亿元")


def build(meta: dict[str, Any], items: list[dict[str, Any]], adjustments: list[dict[str, Any]]) -> Report:
    """The report of a frozen quarter, from its stored items (never recomputed: it cannot change after close)."""
    period = f"{meta['year']}年第{meta['quarter']}季度"
    frozen_at: datetime = meta["frozen_at"]
    unit_items = [i for i in items if i["unit_id"] is not None]
    adjusted = Table("调整", "八、关账后调整",
                     ["编号", "目标编号", "单位", "计量单位", "调整值", "原因", "状态", "登记人", "审批人"],
                     [8, 10, 30, 9, 12, 44, 10, 14, 14], _adjustment_rows(adjustments, items))
    adjusted.fills = [None] * len(adjusted.rows)
    summary, behind_units = _summary(unit_items)
    info = [("通报期", period), ("数据截至", str(meta["as_of"])), ("计数规则版本", str(meta["rule_version_id"])),
            ("关账人", str(meta["frozen_by"])), ("关账时间", f"{frozen_at.astimezone(CITY_TZ):%Y-%m-%d %H:%M}"),
            ("快照哈希（SHA-256）", meta["content_hash"]), ("数字格式", FORMATS_NOTE)]
    return Report(title=f"{TITLE}（{period}）", period=period, as_of=str(meta["as_of"]), info=info,
                  summary=summary, behind_units=behind_units,
                  tables=[_city(items), *_rankings(items), _behind(unit_items), _detail(unit_items), adjusted],
                  issued_on=f"{frozen_at.astimezone(CITY_TZ):%Y年%m月%d日}", content_hash=meta["content_hash"])
