"""Demo records for a development install (`zhaoshang seed --demo-data`): enough enterprises, leads, visits,
events, projects and funds across 2018–2020 that every dashboard, list and queue has something to show.

Deterministic (a fixed random seed), plausible (busy counties, quiet chambers, slow Januaries), and valid
by the records' own rules: credit shares add to 100, funds never exceed the investment, stages move
forward, one funds report per project and month. Loaded once: it does nothing when records exist.
"""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, func, select

from app.core.models import pk
from app.enterprises.models import Enterprise
from app.events.models import Event, EventEnterprise
from app.funds.models import FundsReport
from app.leads.models import Lead
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from app.records.models import VerifiedRecord
from app.units.models import Cluster, Unit
from app.visits.models import Visit

YEARS = (2018, 2019, 2020)
MONTH_WEIGHTS = [4, 5, 9, 8, 9, 11, 8, 8, 10, 9, 9, 12]
REGIONS = ["jingjinji", "yangtze_delta", "pearl_delta", "other"]
CITIES = [("北京", "jingjinji"), ("天津", "jingjinji"), ("上海", "yangtze_delta"), ("杭州", "yangtze_delta"),
          ("苏州", "yangtze_delta"), ("深圳", "pearl_delta"), ("广州", "pearl_delta"), ("济南", "other"),
          ("青岛", "other")]
PREFIXES = ["华信", "鲁能", "东岳", "金泰", "中科", "恒通", "海川", "新宇", "瑞丰", "长城", "天元", "博远", "信达",
            "宏图", "盛世", "九州", "安泰", "启明", "同创", "中联"]
SUFFIXES = [("新材料", "新材料"), ("智能装备", "高端装备制造"), ("新能源汽车", "新能源汽车"), ("生物医药", "医养健康"),
            ("铜业", "有色金属及金属深加工"), ("化工", "绿色化工"), ("纺织", "纺织服装"), ("文旅", "文化旅游"),
            ("农业科技", "现代高效农业")]
RETURN_REASONS = ["走访对象与企业名称不一致，请核对后重新报送", "缺少走访成果描述", "投资额与合同不符，请上传依据"]


def _day(rng: random.Random, year: int) -> date:
    month = rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
    return date(year, month, rng.randint(1, 28))


def _status(rng: random.Random) -> str:
    return rng.choices(["verified", "submitted", "returned", "draft"], [75, 12, 5, 8])[0]


def _review(record: VerifiedRecord, status: str, on: date, rng: random.Random) -> None:
    """Sets the verification fields the way the workflow would have left them."""
    at = datetime(on.year, on.month, on.day, 10, tzinfo=UTC) + timedelta(days=rng.randint(1, 20))
    record.status = status
    if status != "draft":
        record.submitted_at = at
    if status == "verified":
        record.verified_at, record.verified_by = at + timedelta(days=3), "办公室 李干事"
    if status == "returned":
        record.return_reason = rng.choice(RETURN_REASONS)


def seed_demo_records(session: Session, units: dict[str, Unit], scale: float = 1.0) -> dict[str, int]:
    """`scale` shrinks the volumes (tests use a tenth)."""
    if session.exec(select(func.count()).select_from(Visit)).one():
        return {}
    rng = random.Random(2018)
    by_type: dict[str, list[Unit]] = {}
    for unit in units.values():
        by_type.setdefault(unit.type, []).append(unit)
    territorial = by_type["county"] + by_type["dev_zone"]
    creditors = by_type["industry_group"] + by_type["department"] + by_type["chamber"]
    clusters = {c.name_zh: c for c in session.exec(select(Cluster))}
    everyone = [u for u in units.values() if u.type != "office"]

    def busy(pool: list[Unit]) -> Unit:  # the first units of a kind are far busier than the last
        return pool[min(int(rng.paretovariate(1.3)) - 1, len(pool) - 1)]

    enterprises: list[Enterprise] = []
    for i in range(60):
        city, _region = rng.choice(CITIES)
        suffix, cluster = rng.choice(SUFFIXES)
        name = f"{city}{rng.choice(PREFIXES)}{suffix}{'集团' if i % 5 == 0 else ''}有限公司"
        if any(e.name == name for e in enterprises):
            continue
        big = rng.random()
        enterprises.append(Enterprise(
            name=name, name_norm=name.replace("有限公司", ""), province="", city=city, industry=cluster,
            is_fortune500=big < 0.08, is_china500=0.08 <= big < 0.2,
            china500_list="中国企业500强" if 0.08 <= big < 0.2 else None, is_central_soe=0.2 <= big < 0.26,
            is_champion=rng.random() < 0.1, is_listed=rng.random() < 0.25, is_association=rng.random() < 0.05,
            is_industry_leader=rng.random() < 0.15))
    session.add_all(enterprises)
    session.flush()

    leads = []
    for unit in by_type["chamber"] + by_type["industry_group"][:4]:
        for year in YEARS:
            for _ in range(int((rng.randint(20, 110) if unit.type == "chamber" else rng.randint(5, 15)) * scale)):
                ent = rng.choice(enterprises)
                leads.append(Lead(unit_id=pk(unit), enterprise_id=pk(ent), assigned_unit_id=busy(territorial).id,
                                  source="chamber" if unit.type == "chamber" else rng.choice(
                                      ["agency", "native_abroad", "backbone_enterprise", "own_research"]),
                                  received_on=_day(rng, year), intended_industry=ent.industry,
                                  intended_amount=Decimal(rng.choice([5000, 12000, 30000, 80000])),
                                  contact_name=rng.choice(["张经理", "李总", "王主任"]), created_by="演示数据"))
    session.add_all(leads)
    session.flush()
    by_id = {e.id: e for e in enterprises}
    leads_of: dict[int, list[Lead]] = {}
    for received in leads:
        leads_of.setdefault(received.received_on.year, []).append(received)

    def follow_up(year: int, share: float) -> tuple[Lead | None, Enterprise]:
        """A lead of the year taken up (its enterprise), or none (any enterprise)."""
        if leads_of.get(year) and rng.random() < share:
            lead = rng.choice(leads_of[year])
            return lead, by_id[lead.enterprise_id]
        return None, rng.choice(enterprises)

    visits = []
    for year in YEARS:
        for _ in range(int(900 * scale)):
            unit = busy(territorial) if rng.random() < 0.7 else busy(everyone)
            lead, ent = follow_up(year, 0.25)
            on = _day(rng, year)
            visit = Visit(unit_id=pk(unit), enterprise_id=pk(ent), lead_id=pk(lead) if lead else None, visit_date=on,
                          region=rng.choice(REGIONS),
                          place=ent.city, leader_level=rng.choice(["city_leader", "county_leader", "staff", "staff"]),
                          outcome=rng.choice(["达成初步投资意向", "对方将派员回访考察", "了解企业扩产计划"]),
                          next_step="持续跟进", created_by="演示数据")
            _review(visit, _status(rng), on, rng)
            visits.append(visit)
    session.add_all(visits)

    events = []
    for year in YEARS:
        for region in ("jingjinji", "yangtze_delta", "pearl_delta"):
            on = _day(rng, year)
            events.append(Event(unit_id=pk(units["OFFICE"]), kind="concentrated", region=region, event_date=on,
                                title=f"{year}年聊城市重点项目集中招商活动（{dict(CITIES).get(region, '')}）",
                                status="verified", submitted_at=datetime(year, on.month, on.day, tzinfo=UTC),
                                verified_at=datetime(year, on.month, on.day, tzinfo=UTC), verified_by="办公室 李干事",
                                created_by="演示数据"))
        for group in by_type["industry_group"]:
            if rng.random() < 0.8:
                on = _day(rng, year)
                event = Event(unit_id=pk(group), kind="promotion", region=rng.choice(REGIONS), event_date=on,
                              title=f"{group.name_zh.replace('产业招商团组', '')}产业专题推介会", created_by="演示数据")
                _review(event, _status(rng), on, rng)
                events.append(event)
    session.add_all(events)
    session.flush()
    for event in events:
        for ent in rng.sample(enterprises, 3):
            session.add(EventEnterprise(event_id=pk(event), enterprise_id=pk(ent)))

    projects = []
    for year in YEARS:
        for _ in range(max(int(45 * scale), 10)):
            owner = busy(territorial) if rng.random() < 0.6 else busy(creditors)
            lead, ent = follow_up(year, 0.4)
            signed = _day(rng, year)
            started = signed + timedelta(days=rng.randint(30, 240)) if rng.random() < 0.65 else None
            producing = started + timedelta(days=rng.randint(90, 360)) if started and rng.random() < 0.45 else None
            if producing and producing > date(2020, 12, 31):
                producing = None
            if started and started > date(2020, 12, 31):
                started = None
            total = Decimal(rng.choice([3000, 6000, 9999, 10000, 12000, 18000, 25000, 50000, 120000]))
            stage = "in_production" if producing else "started" if started else "signed"
            kind = rng.choice(["扩建", "新建", "产业园", "研发中心"])
            project = Project(
                unit_id=pk(owner), name=f"{ent.name.replace('有限公司', '')}{kind}项目",
                cluster_id=clusters[ent.industry].id if ent.industry in clusters else None,
                four_new=rng.choice([None, "new_technology", "new_industry", "new_business_format", "new_model"]),
                advanced_class=rng.choice([None, None, "high_end_equipment", "new_energy_materials", "medical_health",
                                           "new_generation_it"]),
                total_investment=total, stage=stage, negotiating_on=signed - timedelta(days=rng.randint(20, 90)),
                signed_on=signed, started_on=started, in_production_on=producing,
                landing_unit_id=owner.id if owner.type in ("county", "dev_zone") else busy(territorial).id,
                lead_id=lead.id if lead else None, created_by="演示数据")
            _review(project, _status(rng), signed, rng)
            projects.append((project, ent, owner))
    session.add_all([p for p, _, _ in projects])
    session.flush()

    funds = []
    for project, ent, owner in projects:
        session.add(ProjectEnterprise(project_id=pk(project), enterprise_id=pk(ent)))
        credited = owner if owner.type not in ("county", "dev_zone") else busy(creditors)
        if rng.random() < 0.3:
            other = rng.choice([u for u in creditors if u.id != credited.id])
            session.add(ProjectCredit(project_id=pk(project), unit_id=pk(credited), share=Decimal("60")))
            session.add(ProjectCredit(project_id=pk(project), unit_id=pk(other), share=Decimal("40")))
        else:
            session.add(ProjectCredit(project_id=pk(project), unit_id=pk(credited), share=Decimal("100")))
        if project.started_on is None or project.status not in ("verified", "submitted"):
            continue
        month = project.started_on.replace(day=1)
        remaining = project.total_investment
        for _ in range(rng.randint(2, 10)):
            if month > date(2020, 12, 1) or remaining <= 0:
                break
            amount = min(remaining, (project.total_investment * Decimal(rng.choice([5, 8, 10, 15])) / 100)
                         .quantize(Decimal("0.01")))
            remaining -= amount
            report = FundsReport(unit_id=project.landing_unit_id or pk(owner), project_id=pk(project), period=month,
                                 amount=amount, created_by="演示数据")
            _review(report, rng.choices(["verified", "submitted"], [85, 15])[0], month, rng)
            funds.append(report)
            month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    session.add_all(funds)
    session.flush()
    return {"enterprises": len(enterprises), "leads": len(leads), "visits": len(visits), "events": len(events),
            "projects": len(projects), "funds reports": len(funds)}
