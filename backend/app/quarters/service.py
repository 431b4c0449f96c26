"""Quarter close: freeze every figure with the rule version used, hash it, and keep corrections apart."""

import hashlib
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from app.audit.service import set_action
from app.authz.principal import Principal
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from app.core.models import pk
from app.core.time import utcnow
from app.progress import rollup, views
from app.progress import service as progress
from app.progress.schemas import ITEMS
from app.progress.windows import quarter_bounds
from app.quarters.models import Adjustment, Snapshot
from app.targets import rules as rules_mod
from app.targets.models import Target, TargetSet


def canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def close_quarter(session: Session, principal: Principal, target_set: TargetSet, year: int, quarter: int,
                  today: date | None = None) -> Snapshot:
    today = today or utcnow().date()
    start, end = quarter_bounds(year, quarter)
    if end >= today:
        raise Unprocessable(f"{year} 年第 {quarter} 季度尚未结束（{end} 结束），不能关账",
                            errors=[{"field": "quarter", "message": "季度未结束"}])
    exists = session.exec(select(Snapshot.id).where(Snapshot.target_set_id == target_set.id, Snapshot.year == year,
                                                    Snapshot.quarter == quarter)).first()
    if exists:
        raise Conflict(f"{year} 年第 {quarter} 季度已关账；更正请登记调整", code="quarter-closed")
    version_id, rules, pending = rollup.in_force(session)
    if pending:
        raise Conflict("计数规则已更改，新规则下的数字正在后台计算；计算完成后再关账", code="rules-rebuilding")
    if version_id is None:  # freeze the defaults as a version, so the snapshot names the rules it used
        version_id = pk(rules_mod.save(session, rules, reason="关账时的默认规则", actor=principal.name))
    items = progress.compute(session, target_set, rules, year=year, quarter=quarter, as_of=end)
    content = {
        "target_set_id": target_set.id, "year": year, "quarter": quarter, "as_of": end.isoformat(),
        "rule_version_id": version_id, "rules": json.loads(rules.model_dump_json()),
        "items": ITEMS.dump_python(views.items_public(items, rules), mode="json"),
    }
    text = canonical(content)
    snap = Snapshot(target_set_id=pk(target_set), year=year, quarter=quarter, rule_version_id=version_id,
                    content=text, content_hash=digest(text), frozen_by=principal.name)
    session.add(snap)
    set_action(session, snap, "close_quarter")
    session.flush()
    return snap


def list_snapshots(session: Session) -> list[Snapshot]:
    return list(session.exec(select(Snapshot).order_by(col(Snapshot.year).desc(), col(Snapshot.quarter).desc())))


def get_snapshot(session: Session, snapshot_id: int) -> Snapshot:
    snap = session.get(Snapshot, snapshot_id)
    if snap is None:
        raise NotFound("该季度快照不存在")
    return snap


def adjustments(session: Session, snapshot_id: int) -> list[Adjustment]:
    return list(session.exec(select(Adjustment).where(col(Adjustment.snapshot_id) == snapshot_id)
                             .order_by(col(Adjustment.id))))


def propose_adjustment(session: Session, principal: Principal, snap: Snapshot, *, target_id: int,
                       unit_id: int | None, delta: Decimal, reason: str, effective_on: date) -> Adjustment:
    target = session.get(Target, target_id)
    if target is None or target.target_set_id != snap.target_set_id:
        raise Unprocessable("目标不存在", errors=[{"field": "target_id", "message": "不属于该快照的目标方案"}])
    figures = json.loads(snap.content)["items"]
    if not any(i["target_id"] == target_id and i["unit_id"] == unit_id for i in figures):
        raise Unprocessable("快照中没有该目标与单位的数字", errors=[{"field": "unit_id", "message": "快照中无此数字"}])
    adj = Adjustment(snapshot_id=pk(snap), target_id=target_id, unit_id=unit_id, delta=delta, reason=reason,
                     effective_on=datetime.combine(effective_on, time(), UTC), proposed_by=principal.name)
    session.add(adj)
    session.flush()
    return adj


def decide_adjustment(session: Session, principal: Principal, snap: Snapshot, adjustment_id: int,
                      approve: bool) -> Adjustment:
    adj = session.get(Adjustment, adjustment_id)
    if adj is None or adj.snapshot_id != snap.id:
        raise NotFound("调整不存在")
    if adj.status != "proposed":
        raise Conflict("该调整已处理")
    if adj.proposed_by == principal.name:
        raise Forbidden("调整需由登记人以外的办公室人员审批", code="segregation-of-duties")
    adj.status = "approved" if approve else "rejected"
    adj.decided_by, adj.decided_at = principal.name, utcnow()
    set_action(session, adj, adj.status)
    session.add(adj)
    session.flush()
    return adj


def items_with_adjustments(snap: Snapshot, adjs: list[Adjustment]) -> list[dict[str, Any]]:
    """The frozen items as stored, each with its approved adjustments and the adjusted figure beside it."""
    approved: dict[tuple[Any, ...], list[Adjustment]] = {}
    for a in adjs:
        if a.status == "approved":
            approved.setdefault((a.target_id, a.unit_id), []).append(a)
    out = []
    for item in json.loads(snap.content)["items"]:
        mine = approved.get((item["target_id"], item["unit_id"]), [])
        delta = sum((a.delta for a in mine), Decimal("0"))
        out.append({**item, "adjustment_total": f"{delta:.2f}",
                    "adjusted_actual": f"{Decimal(item['actual']) + delta:.2f}",
                    "adjustment_ids": [a.id for a in mine]})
    return out
