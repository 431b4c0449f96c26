"""The office's verification queue, and bulk verify / return that is all-or-nothing.

A clerk working down the queue must not verify blind: each item carries the version the clerk saw,
and if any item changed, is no longer submitted, or is the office's own, nothing is done.
"""

import base64
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, func, literal, select, union_all
from sqlmodel import Session, col

from app.authz.principal import Principal
from app.core.errors import Conflict, Unprocessable
from app.core.models import pk
from app.core.pagination import after
from app.core.typing import AnySelect, attribute
from app.enterprises.models import Enterprise
from app.events.models import Event
from app.funds.models import FundsReport
from app.projects.models import Project
from app.records import service as records
from app.records.models import Status, VerifiedRecord
from app.units.models import Unit
from app.verification.schemas import BulkItem, BulkRequest, BulkResultItem, QueueItem
from app.visits.models import Visit

MODELS: dict[str, type[VerifiedRecord]] = {"visit": Visit, "event": Event, "project": Project,
                                         "funds_report": FundsReport}


def _titles(session: Session, rows: Sequence[Row[*tuple[Any, ...]]]) -> dict[tuple[str, int], str]:
    """A human summary per item, a query per record type for the whole page."""
    ids: dict[str, list[int]] = {}
    for record_type, rid, *_ in rows:
        ids.setdefault(record_type, []).append(rid)
    out: dict[tuple[str, int], str] = {}
    if ids.get("visit"):
        for rid, name, day in session.execute(select(col(Visit.id), col(Enterprise.name), col(Visit.visit_date)).join(
                Enterprise, col(Enterprise.id) == col(Visit.enterprise_id)).where(col(Visit.id).in_(ids["visit"]))):
            out[("visit", rid)] = f"走访 {name}（{day}）"
    if ids.get("event"):
        for rid, title, day in session.execute(select(col(Event.id), col(Event.title), col(Event.event_date)).where(
                col(Event.id).in_(ids["event"]))):
            out[("event", rid)] = f"活动 {title}（{day}）"
    if ids.get("project"):
        for rid, name, total in session.execute(select(col(Project.id), col(Project.name),
                                                       col(Project.total_investment)).where(
                col(Project.id).in_(ids["project"]))):
            out[("project", rid)] = f"项目 {name}（{total:.2f} 万元）"
    if ids.get("funds_report"):
        for rid, name, period, amount in session.execute(
                select(col(FundsReport.id), col(Project.name), col(FundsReport.period), col(FundsReport.amount))
                .join(Project, col(Project.id) == col(FundsReport.project_id))
                .where(col(FundsReport.id).in_(ids["funds_report"]))):
            out[("funds_report", rid)] = f"到位资金 {name} {period:%Y-%m}（{amount:.2f} 万元）"
    return out


def _direction(newest: bool, *columns: Any) -> list[Any]:
    return [c.desc() for c in columns] if newest else list(columns)


def by_unit(session: Session, *, record_type: str | None) -> list[tuple[int, str, dict[str, int]]]:
    """(unit, name, submitted records per type) of every unit with something awaiting verification, busiest
    first: the office sees at once whose submissions wait, and opens the queue for that unit."""
    per_unit: dict[int, dict[str, int]] = {}
    for name, model in MODELS.items():
        if record_type and name != record_type:
            continue
        counted = select(col(model.unit_id), func.count()).where(col(model.status) == Status.submitted)
        for unit_id, n in session.execute(counted.group_by(col(model.unit_id))).all():
            per_unit.setdefault(unit_id, {})[name] = n
    names = dict(session.execute(select(col(Unit.id), col(Unit.name_zh)).where(col(Unit.id).in_(per_unit))).all())
    rows = [(unit_id, names.get(unit_id, ""), counts) for unit_id, counts in per_unit.items()]
    return sorted(rows, key=lambda r: (-sum(r[2].values()), r[1]))


def _encode(submitted_at: datetime, record_type: str, rid: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([submitted_at.isoformat(), record_type, rid]).encode()).decode()


def _decode(cursor: str) -> tuple[datetime, str, int]:
    try:
        at, record_type, rid = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        at, rid = datetime.fromisoformat(at), int(rid)
        if at.tzinfo is None or not 0 <= rid < 2**63:  # would not bind: a 422, not a 500
            raise ValueError(cursor)
        return at, str(record_type), rid
    except (ValueError, TypeError) as exc:
        raise Unprocessable("分页游标无效", errors=[{"field": "cursor", "message": "无效"}]) from exc


def _after(name: str, model: type[VerifiedRecord], cursor: tuple[datetime, str, int] | None,
           newest: bool = False) -> list[ColumnElement[bool]]:
    """This type's rows after the cursor in (submitted_at, record_type, id) order (each descending when
    `newest`), as conditions its own (status, submitted_at, id) index serves."""
    if cursor is None:
        return []
    at, record_type, rid = cursor
    submitted = col(model.submitted_at)
    if name != record_type:
        later_type = name > record_type if not newest else name < record_type
        if newest:
            return [submitted <= at] if later_type else [submitted < at]
        return [submitted >= at] if later_type else [submitted > at]
    return [after(attribute(submitted), attribute(col(model.id)), at, rid, descending=newest)]


def queue(session: Session, principal: Principal, *, record_type: str | None, unit_id: int | None,
          submitted_from: datetime | None, submitted_to: datetime | None, cursor: str | None,
          limit: int, order: str = "oldest") -> tuple[list[QueueItem], dict[str, int], str | None]:
    """Submitted records of every type, oldest first (or newest first). Each type's first `limit` + 1 rows come
    from its own index (a union would sort every submitted record), then the few are merged."""
    newest = order == "newest"
    parts: list[AnySelect] = []
    counts: dict[str, int] = {}
    position = _decode(cursor) if cursor else None
    for name, model in MODELS.items():
        if record_type and name != record_type:
            continue
        conditions = [col(model.status) == Status.submitted]
        if unit_id is not None:
            conditions.append(col(model.unit_id) == unit_id)
        if submitted_from is not None:
            conditions.append(col(model.submitted_at) >= submitted_from)
        if submitted_to is not None:
            conditions.append(col(model.submitted_at) < submitted_to)
        counts[name] = session.execute(select(func.count()).select_from(model).where(*conditions)).scalar_one()
        parts.append(select(literal(name).label("record_type"), col(model.id).label("id"),
                            col(model.unit_id).label("unit_id"), col(model.submitted_at).label("submitted_at"),
                            col(model.version).label("version"), col(model.created_by).label("created_by"))
                     .where(*conditions, *_after(name, model, position, newest))
                     .order_by(*_direction(newest, col(model.submitted_at), col(model.id)))
                     .limit(limit + 1).subquery().select())
    if not parts:
        return [], counts, None
    q = union_all(*parts).subquery()
    stmt = select(q.c.record_type, q.c.id, q.c.unit_id, q.c.submitted_at, q.c.version, q.c.created_by, col(Unit.name_zh)
                  ).join(Unit, col(Unit.id) == q.c.unit_id)
    rows = session.execute(stmt.order_by(*_direction(newest, q.c.submitted_at, q.c.record_type, q.c.id))
                           .limit(limit + 1)).all()
    more, rows = len(rows) > limit, rows[:limit]
    titles = _titles(session, rows)
    blocked = records.not_reviewable(session, principal, [(r[0], r[1], r[2], r[5])
                                                          for r in rows])
    items = [QueueItem(record_type=r[0], id=r[1], unit_id=r[2], unit_name=r[6], title=titles.get((r[0], r[1]), ""),
                       submitted_at=r[3], version=r[4], created_by=r[5],
                       can_review=(r[0], r[1]) not in blocked) for r in rows]
    next_cursor = _encode(rows[-1][3], rows[-1][0], rows[-1][1]) if more and rows else None
    return items, counts, next_cursor


# The order every multi-row action locks its tables in (docs/architecture.md, "Lock order"): a funds report before
# its project, as editing or resubmitting a report does.
LOCK_ORDER = ("visit", "event", "funds_report", "project")


def lock_items(session: Session, items: list[BulkItem]) -> dict[tuple[str, int], VerifiedRecord]:
    """Locks every listed row before anything changes: table by table in LOCK_ORDER, each table's rows sorted by
    id in one statement. Two clerks sending overlapping batches in different orders then queue, never deadlock."""
    wanted: dict[str, set[int]] = {}
    for item in items:
        wanted.setdefault(item.record_type, set()).add(item.id)
    locked: dict[tuple[str, int], VerifiedRecord] = {}
    for name in LOCK_ORDER:
        if ids := wanted.get(name):
            model = MODELS[name]
            stmt = (select(model).where(col(model.id).in_(ids)).order_by(col(model.id)).with_for_update(key_share=True)
                    .execution_options(populate_existing=True))
            locked.update(((name, pk(obj)), obj) for obj in session.execute(stmt).scalars())
    return locked


def bulk(session: Session, principal: Principal, data: BulkRequest) -> list[BulkResultItem]:
    loaded: list[VerifiedRecord | None] = []
    errors: list[dict[str, Any]] = []
    locked = lock_items(session, data.items)
    blocked = records.not_reviewable(session, principal, [records.review_ref(obj) for obj in locked.values()])
    for n, item in enumerate(data.items):
        obj = locked.get((item.record_type, item.id))
        problem = None
        if obj is None:
            problem = "记录不存在"
        elif obj.status != Status.submitted:
            problem = f"记录当前为“{records.STATUS_ZH.get(obj.status, obj.status)}”，不在待审清单中"
        elif obj.version != item.version:
            problem = f"记录已被修改（版本 {item.version} → {obj.version}），请刷新后再审"
        elif records.review_ref(obj)[:2] in blocked:
            problem = "不能审核本人录入、修改或报送过的记录（职责分离）"
        if problem:
            errors.append({"field": f"items.{n}", "message": problem, "record_type": item.record_type,
                           "id": item.id})
        loaded.append(obj)
    if errors:
        raise Conflict(f"{len(errors)} 条记录不能{'核实' if data.action == 'verify' else '退回'}，本次未做任何修改",
                       code="bulk-rejected", errors=errors)
    results = []
    for item, obj in zip(data.items, loaded, strict=True):
        assert obj is not None  # a missing record was an error above
        records.transition(session, obj, data.action, principal, data.reason, blocked=blocked)
        results.append(BulkResultItem(record_type=item.record_type, id=obj.id, status=obj.status,
                                      version=obj.version))
    return results
