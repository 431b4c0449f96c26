"""The annual assessment (综合考核), computed from the year's Q4 snapshot and a scoring scheme.

Score = Σ weight × min(ratio, cap) ÷ Σ weight × 100, plus a bonus per target met; a veto (一票否决)
set by the office makes the score 0 and says why. The working per target is returned with the score.
"""

import json
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from app.assessment.models import ScoringScheme, Veto
from app.audit.service import set_action
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.models import pk
from app.core.time import utcnow
from app.quarters.models import Snapshot
from app.quarters.service import adjustments, items_with_adjustments
from app.targets.models import TargetSet

DEFAULT_CONFIG = {"weights": {}, "default_weight": "1", "cap": "1.2", "bonus_per_target_met": "0"}


def scheme_config(session: Session, target_set: TargetSet, year: int) -> dict[str, Any]:
    row = session.exec(select(ScoringScheme).where(ScoringScheme.target_set_id == target_set.id,
                                                   ScoringScheme.year == year)).first()
    return {**DEFAULT_CONFIG, **(json.loads(row.config) if row else {})}


def save_scheme(session: Session, target_set: TargetSet, year: int, config: dict[str, Any]) -> ScoringScheme:
    row = session.exec(select(ScoringScheme).where(ScoringScheme.target_set_id == target_set.id,
                                                   ScoringScheme.year == year)).first()
    text = json.dumps(config, ensure_ascii=False, sort_keys=True)
    if row is None:
        row = ScoringScheme(target_set_id=pk(target_set), year=year, config=text)
    else:
        row.config = text
    session.add(row)
    session.flush()
    return row


def set_veto(session: Session, year: int, unit_id: int, reason: str, actor: str) -> Veto:
    """Vetoes the unit's year; a veto lifted before is set again (one row per unit and year, its history in
    the audit log)."""
    veto = session.exec(select(Veto).where(Veto.year == year, Veto.unit_id == unit_id).with_for_update()).first()
    if veto is not None and veto.lifted_at is None:
        raise Conflict("该单位本年度已被一票否决")
    if veto is None:
        veto = Veto(year=year, unit_id=unit_id, reason=reason, set_by=actor)
        session.add(veto)
    else:
        veto.reason, veto.set_by, veto.set_at = reason, actor, utcnow()
        veto.lifted_at = veto.lifted_by = veto.lift_reason = None
    session.flush()
    return veto


def lift_veto(session: Session, year: int, unit_id: int, reason: str, actor: str) -> Veto:
    veto = session.exec(select(Veto).where(col(Veto.year) == year, col(Veto.unit_id) == unit_id,
                                           col(Veto.lifted_at).is_(None))
                        .with_for_update()).first()
    if veto is None:
        raise NotFound("该单位本年度没有一票否决")
    veto.lifted_at, veto.lifted_by, veto.lift_reason = utcnow(), actor, reason
    set_action(session, veto, "lift_veto")
    session.flush()
    return veto


def assess(session: Session, target_set: TargetSet, year: int, unit_type_filter: set[str]) -> dict[str, Any]:
    snap = session.exec(select(Snapshot).where(Snapshot.target_set_id == target_set.id, Snapshot.year == year,
                                               Snapshot.quarter == 4)).first()
    if snap is None:
        raise Unprocessable(f"{year} 年第四季度尚未关账，无法计算年度考核", code="q4-not-closed")
    config = scheme_config(session, target_set, year)
    weights = {k: Decimal(str(v)) for k, v in config["weights"].items()}
    default_weight, cap = Decimal(str(config["default_weight"])), Decimal(str(config["cap"]))
    bonus = Decimal(str(config["bonus_per_target_met"]))
    vetoes = {v.unit_id: v for v in session.exec(select(Veto).where(col(Veto.year) == year,
                                                                    col(Veto.lifted_at).is_(None)))}
    per_unit: dict[int, dict[str, Any]] = {}
    for item in items_with_adjustments(snap, adjustments(session, pk(snap))):
        if item["unit_id"] is None or item["threshold"] in (None, "0.00") or item["unit_type"] not in unit_type_filter:
            continue
        threshold, actual = Decimal(item["threshold"]), Decimal(item["adjusted_actual"])
        ratio = (actual / threshold).quantize(Decimal("0.0001"))
        weight = weights.get(item["code"], default_weight)
        unit = per_unit.setdefault(item["unit_id"], {"unit_id": item["unit_id"], "unit_name": item["unit_name"],
                                                     "unit_type": item["unit_type"], "working": []})
        unit["working"].append({"code": item["code"], "title_zh": item["title_zh"], "actual": f"{actual:.2f}",
                                "threshold": f"{threshold:.2f}", "ratio": str(ratio), "capped": str(min(ratio, cap)),
                                "weight": str(weight), "met": ratio >= 1})
    results = []
    for unit in per_unit.values():
        total_weight = sum((Decimal(w["weight"]) for w in unit["working"]), Decimal("0"))
        weighted = sum((Decimal(w["weight"]) * Decimal(w["capped"]) for w in unit["working"]), Decimal("0"))
        met = sum(1 for w in unit["working"] if w["met"])
        score = (weighted / total_weight * 100 if total_weight else Decimal("0")) + bonus * met
        veto = vetoes.get(unit["unit_id"])
        results.append({**unit, "base_score": f"{score:.2f}", "targets_met": met,
                        "veto_reason": veto.reason if veto else None,
                        "score": "0.00" if veto else f"{score:.2f}"})
    results.sort(key=lambda r: (-Decimal(r["score"]), r["unit_name"]))
    for n, r in enumerate(results, 1):
        r["rank"] = n
    return {"year": year, "snapshot_id": snap.id, "content_hash": snap.content_hash, "config": config,
            "results": results}
