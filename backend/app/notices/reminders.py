"""Reminders: checks run daily by the worker, each for a date, each notice keyed by its period so that running
a check again for the same period (a retry, a second worker, a manual run) notifies nobody twice.

- funds_due: from `ZS_FUNDS_REMINDER_DAY` of a month, the unit responsible for a signed or started project (its
  landing unit, else its owner) that has no submitted or verified funds report for the month before;
- quarter_close: in the last `ZS_QUARTER_CLOSE_REMINDER_DAYS` of a quarter, the office hears which units still
  have at least `ZS_QUARTER_CLOSE_MIN_UNVERIFIED` records waiting for verification;
- target_behind: once a month, a unit whose yearly targets are behind the time elapsed (the progress module's
  own status, e.g. a chamber at 30 of 100 leads in July) hears which ones.
"""

from collections import defaultdict
from datetime import date, timedelta

from huey import crontab
from sqlalchemy import func, literal, union_all
from sqlmodel import Session, col, select

from app.core import jobs
from app.core.config import get_settings
from app.core.errors import AppError
from app.core.models import pk
from app.core.time import city_today
from app.events.models import Event
from app.funds.models import FundsReport
from app.notices import triggers
from app.notices.models import NoticeKind
from app.notices.service import Draft, office_staff, send, unit_editors
from app.progress import rollup
from app.progress import service as progress
from app.progress.windows import quarter_bounds
from app.projects.models import Project, Stage
from app.quarters.models import Snapshot
from app.records.models import Status
from app.units.models import Unit
from app.visits.models import Visit

LISTED = 10  # names listed in one notice; the rest are counted


def _listing(names: list[str]) -> str:
    shown = "、".join(names[:LISTED])
    return shown + (f" 等 {len(names)} 项" if len(names) > LISTED else "")


def funds_due(session: Session, today: date) -> int:
    if today.day < get_settings().funds_reminder_day:
        return 0
    period_end = today.replace(day=1) - timedelta(days=1)
    period = period_end.replace(day=1)
    reported = select(col(FundsReport.project_id)).where(
        FundsReport.period == period, col(FundsReport.status).in_([Status.submitted, Status.verified]))
    responsible = func.coalesce(col(Project.landing_unit_id), col(Project.unit_id))
    rows = session.exec(select(responsible, col(Project.name)).where(
        col(Project.stage).in_([Stage.signed, Stage.started]), col(Project.signed_on) <= period_end,
        col(Project.id).not_in(reported)).order_by(responsible, col(Project.id))).all()
    missing: dict[int, list[str]] = defaultdict(list)
    for unit_id, name in rows:
        missing[unit_id].append(name)
    sent = 0
    for unit_id, names in missing.items():
        sent += len(send(session, unit_editors(session, [unit_id]), Draft(
            NoticeKind.funds_due, f"{period:%Y 年 %m 月}到位资金月报尚未报送（{len(names)} 个项目）",
            f"请于本月报送上月到位资金：{_listing(names)}", key=f"funds_due:{period:%Y-%m}")))
    return sent


def quarter_close(session: Session, today: date) -> int:
    settings = get_settings()
    quarter = (today.month - 1) // 3 + 1
    _start, end = quarter_bounds(today.year, quarter)
    if today < end - timedelta(days=settings.quarter_close_reminder_days - 1):
        return 0
    if session.exec(select(Snapshot.id).where(Snapshot.year == today.year, Snapshot.quarter == quarter)).first():
        return 0
    waiting = union_all(*(select(col(m.unit_id).label("unit_id"), literal(1).label("one")).where(
        m.status == Status.submitted) for m in (Visit, Event, Project, FundsReport))).subquery()
    rows = session.exec(select(col(Unit.name_zh), func.count()).join(waiting, waiting.c.unit_id == col(Unit.id))
                        .group_by(col(Unit.id), col(Unit.name_zh))
                        .having(func.count() >= settings.quarter_close_min_unverified)
                        .order_by(func.count().desc(), col(Unit.id))).all()
    if not rows:
        return 0
    office = office_staff(session)
    title = f"{today.year} 年第 {quarter} 季度将于 {end:%m 月 %d 日}结束，{len(rows)} 个单位待核实记录较多"
    return len(send(session, office, Draft(
        NoticeKind.quarter_close, title,
        _listing([f"{name} {n} 条" for name, n in rows]), key=f"quarter_close:{today.year}Q{quarter}")))


def target_behind(session: Session, today: date) -> int:
    try:
        target_set = progress.get_target_set(session, None)
        _version, rules, _pending = rollup.in_force(session)
        items = progress.compute(session, target_set, rules, year=today.year, quarter=None, as_of=today,
                                 include_city=False)
    except AppError:  # no target set in force, or a year outside the plan: nothing to be behind on
        return 0
    behind: dict[int, list[str]] = defaultdict(list)
    for item in items:
        if item.unit is not None and progress.status_of(item, rules)[0] == "behind":
            behind[pk(item.unit)].append(f"{item.target.title_zh}（{item.cell.verified:g}/{item.threshold:g}）")
    sent = 0
    for unit_id, titles in sorted(behind.items()):
        sent += len(send(session, unit_editors(session, [unit_id]), Draft(
            NoticeKind.target_behind, f"{len(titles)} 项年度目标进度落后于时间进度",
            _listing(titles), key=f"target_behind:{today:%Y-%m}")))
    return sent


REMINDERS = (funds_due, quarter_close, target_behind)


@jobs.huey.periodic_task(crontab(hour="0", minute="30"))  # type: ignore[untyped-decorator]  # huey ships no type information
def daily_reminders() -> int:
    """08:30 in the city (00:30 UTC): each reminder in its own transaction, so one failing leaves the others."""
    today, sent = city_today(), 0
    for remind in REMINDERS:
        with jobs.session() as session:
            sent += remind(session, today)
            session.commit()
    return sent


@jobs.huey.periodic_task(crontab(minute="23"))  # type: ignore[untyped-decorator]  # huey ships no type information
def announce_conflicts() -> None:
    """Hourly: units hear of new suspected double claims on their projects."""
    with jobs.session() as session:
        triggers.announce_conflicts(session)
        session.commit()
