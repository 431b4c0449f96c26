"""The 2018–2020 plan's targets (section 二 and 三 of the action plan), one row per line of the brief."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from app.core.models import pk
from app.targets.models import AppliesTo, Period, Target, TargetSet
from app.units.models import LinkKind, UnitLink

YI = Decimal("10000")  # 1 亿元 in 万元

# code, metric, applies_to, unit_type, threshold, period, title (zh), title (en)
PLAN_2018_2020: list[tuple[str, str, AppliesTo, str | None, int | Decimal, Period, str, str]] = [
    ("T01", "visits", AppliesTo.city, None, 1000, Period.year,
     "全市每年走访知名企业1000家以上", "City: ≥1,000 enterprise visits a year"),
    ("T02", "signed_four_new_investment", AppliesTo.city, None, 1000 * YI, Period.year,
     "每年新签约四新等优质项目总投资1000亿元以上", "City: ≥100bn yuan of newly signed 四新 projects a year"),
    ("T03", "funds_yi_projects", AppliesTo.city, None, 1000 * YI, Period.plan,
     "各县(市、区)、市属开发区过亿元招商项目到位资金三年累计1000亿元以上",
     "Counties and zones: ≥100bn yuan in place for 100m+ projects over three years"),
    ("T03U", "funds_yi_projects", AppliesTo.unit_type, "territorial", 0, Period.plan,
     "过亿元招商项目到位资金（各单位贡献）", "Funds in place of 100m+ projects (each unit's part)"),
    ("T04", "funds_departments", AppliesTo.unit_type_total, "department", 100 * YI, Period.plan,
     "市直部门招商引资到位资金三年累计100亿元以上", "Departments together: ≥10bn yuan in place over three years"),
    ("T05", "yi_projects_top_enterprise", AppliesTo.unit_type, "territorial", 1, Period.year,
     "每年至少引进1个世界500强、央企或中国500强投资亿元以上项目",
     "Each county/zone: ≥1 100m+ project by a Fortune 500, central SOE or China 500 a year"),
    ("T05C", "yi_projects_top_enterprise", AppliesTo.city, None, 50, Period.plan,
     "全市三年世界500强、央企、中国500强亿元以上项目累计50个", "City: 50 such projects over three years"),
    ("T06", "advanced_projects", AppliesTo.unit_type, "territorial", 3, Period.year,
     "每年至少引进3个先进制造业和战略性新兴产业项目",
     "Each county/zone: ≥3 advanced-manufacturing or strategic emerging projects a year"),
    ("T06C", "advanced_projects", AppliesTo.city, None, 100, Period.plan,
     "全市三年先进制造业和战略性新兴产业项目累计100个", "City: 100 such projects over three years"),
    ("T07", "visits_top_class", AppliesTo.unit_type, "industry_group", 10, Period.year,
     "每个产业团组每年走访世界500强、行业冠军企业、商会或行业协会10家以上",
     "Each group: ≥10 visits a year to Fortune 500, champions, chambers or associations"),
    ("T08", "signed_projects", AppliesTo.unit_type, "industry_group", 3, Period.year,
     "每个产业招商团组每年签约3个新旧动能转换项目", "Each group: ≥3 signed conversion projects a year"),
    ("T09", "landed_yi_projects", AppliesTo.unit_type, "industry_group", 3, Period.plan,
     "每个产业招商团组三年落地3个投资过亿元项目", "Each group: ≥3 landed 100m+ projects over three years"),
    ("T10", "concentrated_events", AppliesTo.city, None, 1, Period.year,
     "每年在京津冀、长三角、珠三角至少开展1次重点项目集中招商活动",
     "City: ≥1 concentrated event a year in each of the three regions"),
    ("T11", "promotion_events", AppliesTo.unit_type, "industry_group", 1, Period.year,
     "各产业招商团组每年至少组织1次产业专题推介活动", "Each group: ≥1 industry promotion event a year"),
    ("T12", "visits", AppliesTo.unit_type, "department", 3, Period.year,
     "其他市直部门每年走访与各自职能相关产业的知名企业3家以上", "Each department: ≥3 visits a year"),
    ("T13", "landed_yi_projects", AppliesTo.unit_type, "department", 1, Period.plan,
     "其他市直部门力争三年落地1个投资过亿元项目", "Each department: ≥1 landed 100m+ project over three years"),
    ("T14", "visits", AppliesTo.unit_type, "territorial", 100, Period.year,
     "各县(市、区)、市属开发区每年走访对接知名目标企业100家以上", "Each county/zone: ≥100 visits a year"),
    ("T15", "leads", AppliesTo.unit_type, "chamber", 100, Period.year,
     "每个聊城商会每年至少提供100条可供走访的投资企业信息", "Each chamber: ≥100 leads a year"),
]


# the plan's "其他市直部门": these bind the departments that do not lead an industry group
OTHER_DEPARTMENTS = ("T12", "T13")


def lead_departments(session: Session) -> list[int]:
    """The departments that lead an industry group (by their `lead_department` link), in id order."""
    return sorted(set(session.exec(select(UnitLink.related_unit_id).where(UnitLink.kind == LinkKind.lead_department))))


def seed_plan(session: Session) -> TargetSet:
    target_set = session.exec(select(TargetSet).where(TargetSet.code == "2018-2020")).first()
    if target_set is not None:
        return target_set
    target_set = TargetSet(code="2018-2020", name="聊城市新旧动能转换重大工程招商引资行动方案（2018—2020年）",
                           start_date=date(2018, 1, 1), end_date=date(2020, 12, 31))
    session.add(target_set)
    session.flush()
    leads = lead_departments(session)
    for code, metric, applies_to, unit_type, threshold, period, zh, en in PLAN_2018_2020:
        session.add(Target(target_set_id=pk(target_set), code=code, metric=metric, applies_to=applies_to,
                           unit_type=unit_type, threshold=Decimal(threshold), period=period, title_zh=zh,
                           title_en=en, exempt_unit_ids=leads if code in OTHER_DEPARTMENTS else []))
    session.flush()
    return target_set
