"""The leading group's quarterly meeting list (季度专题会议): the major projects with their open coordination items,
who owns each and for how long it has been open — as JSON, and drawn like the dispatch report (`quarters`' layout,
workbook and PDF, Chinese font embedded).

A project is on the list when it has an open item and is *major* — a total investment of at least `min_investment`
万元 (`ZS_COORDINATION_MAJOR_INVESTMENT`, 1 亿元 by default) at a stage still being pushed (negotiating, signed,
started) — or when one of its open items was escalated to this quarter's meeting, whatever its size. The list is
live: it shows the items as they stand `today`, biggest projects first.
"""

import hashlib
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from app.coordination import service
from app.coordination.models import CoordinationItem
from app.coordination.schemas import MeetingItem, MeetingListPublic, MeetingProject
from app.core import labels
from app.core.models import pk
from app.projects.models import Project, Stage
from app.quarters.report_layout import Fmt, Num, Report, Table
from app.units.names import Names

MEETING_STAGES = (Stage.negotiating, Stage.signed, Stage.started)
TITLE = "聊城市产业招商领导小组季度专题会议重大项目协调事项清单"
PDF_CLIP = 200  # characters of a description or ask in the PDF: 2,000 in a narrow column would outgrow a page


def current_quarter(today: date) -> tuple[int, int]:
    return today.year, (today.month - 1) // 3 + 1


def build(session: Session, year: int, quarter: int, min_investment: Decimal, today: date) -> MeetingListPublic:
    is_open = col(CoordinationItem.status).in_(service.OPEN)
    here = and_(col(CoordinationItem.escalated_year) == year, col(CoordinationItem.escalated_quarter) == quarter)
    major = and_(col(Project.total_investment) >= min_investment, col(Project.stage).in_(MEETING_STAGES))
    chosen = select(col(CoordinationItem.project_id)).join(Project, col(Project.id) == col(CoordinationItem.project_id)
                                                          ).where(is_open, or_(major, here))
    rows = session.exec(select(CoordinationItem, Project).join(Project, col(Project.id) == col(
        CoordinationItem.project_id)).where(is_open, col(CoordinationItem.project_id).in_(chosen)).order_by(
        col(Project.total_investment).desc(), col(Project.id), col(CoordinationItem.id))).all()
    names = Names.load(session)
    projects: dict[int, MeetingProject] = {}
    for item, project in rows:
        entry = projects.setdefault(pk(project), MeetingProject(
            project_id=pk(project), project_name=project.name, stage=project.stage,
            total_investment=project.total_investment,
            landing_unit_name=names.unit(project.landing_unit_id) or None, items=[]))
        entry.items.append(MeetingItem(
            id=pk(item), category=item.category, description=item.description, ask=item.ask, status=item.status,
            raised_by_unit_name=names.unit(item.raised_by_unit_id),
            assignee_unit_name=names.unit(item.assignee_unit_id) or None, due_date=item.due_date,
            overdue=service.is_overdue(item, today), days_open=service.days_open(item, today),
            escalated=(item.escalated_year, item.escalated_quarter) == (year, quarter)))
    return MeetingListPublic(year=year, quarter=quarter, as_of=today, min_investment=min_investment,
                             stages=list(MEETING_STAGES), projects=list(projects.values()))


def _count(n: int) -> Num:
    return Num(Decimal(n), Fmt.COUNT)


def _clipped(text: str, clip: int | None) -> str:
    return text if clip is None or len(text) <= clip else text[:clip] + "…（全文见系统或 Excel）"


def report(meeting: MeetingListPublic, *, clip: int | None = None) -> Report:
    """The list in the dispatch report's layout: one table, a row per item, the project's columns on each row.
    `clip` shortens the description and the ask (the PDF: a table row cannot run onto a second page)."""
    zh_stage, zh_cat = labels.zh("stage"), labels.zh("coordinationCategory")
    zh_status = labels.zh("coordinationStatus")
    period = f"{meeting.year}年第{meeting.quarter}季度"
    table = Table("协调事项", "重大项目待协调事项",
                  ["序号", "项目", "阶段", "总投资（万元）", "落地单位", "类别", "问题", "诉求", "提出单位", "责任单位",
                   "办理时限", "状态", "已历天数"], [5, 24, 7, 12, 12, 8, 26, 24, 12, 16, 14, 20, 7])
    n = 0
    for project in meeting.projects:
        for item in project.items:
            n += 1
            status = "提交本季会议" if item.escalated else labels.label(zh_status, item.status)
            table.rows.append([
                _count(n), project.project_name, labels.label(zh_stage, project.stage),
                Num(project.total_investment, Fmt.MONEY), project.landing_unit_name,
                labels.label(zh_cat, item.category), _clipped(item.description, clip), _clipped(item.ask, clip),
                item.raised_by_unit_name,
                item.assignee_unit_name or "（待交办）", f"{item.due_date:%Y-%m-%d}" if item.due_date else "",
                status + ("，超期" if item.overdue else ""), _count(item.days_open)])
            table.fills.append("red" if item.overdue else ("amber" if item.escalated else None))
    overdue = sum(i.overdue for p in meeting.projects for i in p.items)
    summary = (f"纳入本期清单的重大项目 {len(meeting.projects)} 个，待协调事项 {n} 项，其中超期 {overdue} 项。"
               f"重大项目：总投资 {meeting.min_investment:,.2f} 万元及以上、处于在谈、签约或开工阶段的项目，"
               "以及有事项提交本季度会议的项目。")
    as_of = f"{meeting.as_of:%Y-%m-%d}"
    digest = hashlib.sha256(meeting.model_dump_json().encode()).hexdigest()
    info = [("会议季度", period), ("数据截至", as_of), ("重大项目门槛（万元）", f"{meeting.min_investment:,.2f}"),
            ("清单哈希（SHA-256）", digest)]
    return Report(title=f"{TITLE}（{period}）", period=period, as_of=as_of, info=info, summary=summary,
                  tables=[table], behind_units=[], issued_on=f"{meeting.as_of:%Y年%m月%d日}", content_hash=digest,
                  name=TITLE, stamp="清单")

