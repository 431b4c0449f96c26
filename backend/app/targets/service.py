"""Target sets, targets and rule versions — the office edits them; every change is in the history."""

import json
from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, select

from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.models import pk
from app.targets import rules as rules_mod
from app.targets.models import AppliesTo, RuleVersion, Target, TargetSet
from app.targets.schemas import RuleVersionPublic, TargetCreate, TargetSetCreate, TargetUpdate
from app.units.models import Unit, unit_types_of


def list_sets(session: Session) -> list[tuple[TargetSet, list[Target]]]:
    sets = list(session.exec(select(TargetSet).order_by(col(TargetSet.start_date))))
    targets = list(session.exec(select(Target).order_by(col(Target.code), col(Target.id))))
    return [(s, [t for t in targets if t.target_set_id == s.id]) for s in sets]


def get_set(session: Session, set_id: int) -> TargetSet:
    ts = session.get(TargetSet, set_id)
    if ts is None:
        raise NotFound("目标方案不存在")
    return ts


def create_set(session: Session, data: TargetSetCreate) -> TargetSet:
    if session.exec(select(TargetSet.id).where(TargetSet.code == data.code)).first():
        raise Conflict(f"方案编码 {data.code} 已存在")
    ts = TargetSet(code=data.code, name=data.name, start_date=data.start_date, end_date=data.end_date)
    session.add(ts)
    session.flush()
    if data.copy_from_id:
        source = get_set(session, data.copy_from_id)
        for t in session.exec(select(Target).where(Target.target_set_id == source.id)):
            session.add(Target(**t.model_dump(exclude={"id", "target_set_id"}), target_set_id=pk(ts)))
        session.flush()
    return ts


def add_target(session: Session, ts: TargetSet, data: TargetCreate, metrics: Collection[str]) -> Target:
    """`metrics`: the keys a target may measure (the progress registry's, which sits above the plan)."""
    if data.metric not in metrics:
        raise Unprocessable(f"未知指标 {data.metric}", errors=[{"field": "metric",
                                                               "message": f"可选：{', '.join(metrics)}"}])
    if data.applies_to == AppliesTo.unit and session.get(Unit, data.unit_id) is None:
        raise Unprocessable("单位不存在", errors=[{"field": "unit_id", "message": "单位不存在"}])
    dup = session.exec(select(Target.id).where(
        Target.target_set_id == ts.id, Target.code == data.code, Target.applies_to == data.applies_to,
        Target.unit_type == data.unit_type, Target.unit_id == data.unit_id)).first()
    if dup:
        raise Conflict("该目标已存在，请修改其阈值")
    target = Target(target_set_id=pk(ts), **data.model_dump())
    session.add(target)
    session.flush()
    return target


def update_target(session: Session, target_id: int, data: TargetUpdate) -> Target:
    target = session.get(Target, target_id)
    if target is None:
        raise NotFound("目标不存在")
    changes = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is None:
            raise Unprocessable(f"{key} 不能为空", errors=[{"field": key, "message": "不能为空"}])
    if "exempt_unit_ids" in changes:
        changes["exempt_unit_ids"] = _exempt_units(session, target, changes["exempt_unit_ids"])
    for key, value in changes.items():
        setattr(target, key, value)
    session.add(target)
    session.flush()
    return target


def _exempt_units(session: Session, target: Target, unit_ids: list[int]) -> list[int]:
    """Only a target that binds a unit type can leave some of its units out, and only units of that type."""
    if target.applies_to not in (AppliesTo.unit_type, AppliesTo.unit_type_total):
        raise Unprocessable("只有按单位类型设定的目标可以排除单位", code="not-a-type-target",
                            errors=[{"field": "exempt_unit_ids", "message": "该目标不按单位类型设定"}])
    wanted = sorted(set(unit_ids))
    types = unit_types_of(target.unit_type)
    found = set(session.exec(select(Unit.id).where(col(Unit.id).in_(wanted), col(Unit.type).in_(types))))
    if missing := [u for u in wanted if u not in found]:
        raise Unprocessable(f"单位 {', '.join(map(str, missing))} 不存在或不属于该目标的单位类型",
                            errors=[{"field": "exempt_unit_ids", "message": "单位不存在或类型不符"}])
    return wanted


def rule_version_public(version_id: int | None, rules: rules_mod.Rules, reason: str, created_by: str,
                        created_at: datetime | None) -> RuleVersionPublic:
    descriptions = {name: f.description or "" for name, f in rules_mod.Rules.model_fields.items()}
    return RuleVersionPublic(id=version_id, rules=rules, reason=reason, created_by=created_by,
                             created_at=created_at, descriptions=descriptions)


def current_rules(session: Session) -> RuleVersionPublic:
    version_id, rules = rules_mod.load(session)
    row = session.get(RuleVersion, version_id) if version_id else None
    if row is None:
        return rule_version_public(None, rules, "默认规则 (defaults)", "system", None)
    return rule_version_public(version_id, rules, row.reason, row.created_by, row.created_at)


def rule_versions(session: Session) -> list[RuleVersionPublic]:
    rows = session.exec(select(RuleVersion).order_by(col(RuleVersion.id).desc()))
    return [rule_version_public(r.id, rules_mod.Rules.model_validate(json.loads(r.settings)), r.reason, r.created_by,
                    r.created_at) for r in rows]
