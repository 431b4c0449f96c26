"""Suspected double claims, detected live from the data; the office's decisions are stored by a stable key.

- enterprise_multi_unit: one enterprise in live projects of two different units, dated within 180 days
  (signed date, or entry date while unsigned) — two units may be claiming the same deal;
- duplicate_project: two projects sharing an enterprise, in the same cluster, with names alike after
  normalisation (equal, or one containing the other) and total investment within ±10 %;
- duplicate_enterprise: two live enterprises whose names (or one's former name) normalise alike —
  resolved by merging them (POST /api/v1/enterprises/{id}/merge).
Pairs are found by self-joins on indexed columns; only the candidate pairs reach Python.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.authz.principal import Principal
from app.conflicts.models import ConflictDecision
from app.conflicts.schemas import ConflictPublic, ConflictRecord, DecisionCreate
from app.core.errors import Conflict, NotFound
from app.core.models import pk
from app.core.time import utcnow
from app.enterprises.identity import normalize_name
from app.enterprises.models import Enterprise
from app.projects.models import Project, ProjectEnterprise, Stage
from app.units.models import Unit

WINDOW_DAYS = 180
AMOUNT_TOLERANCE = Decimal("0.10")


def _day(project: Project) -> date:
    return project.signed_on or project.created_at.date()


def _similar(a: str, b: str) -> bool:
    na, nb = normalize_name(a), normalize_name(b)
    return bool(na and nb) and (na == nb or na in nb or nb in na)


def _project_pairs(session: Session) -> list[tuple[Project, Project, int]]:
    p1, p2 = aliased(Project), aliased(Project)
    e1, e2 = aliased(ProjectEnterprise), aliased(ProjectEnterprise)
    stmt = (select(p1, p2, col(e1.enterprise_id)).join(e1, col(e1.project_id) == col(p1.id))
            .join(e2, and_(col(e2.enterprise_id) == col(e1.enterprise_id), col(e2.project_id) > col(e1.project_id)))
            .join(p2, col(p2.id) == col(e2.project_id))
            .where(col(p1.stage) != Stage.dropped, col(p2.stage) != Stage.dropped))
    return [(a, b, eid) for a, b, eid in session.execute(stmt).all()]


def detect(session: Session) -> list[ConflictPublic]:
    units = dict(session.execute(select(col(Unit.id), col(Unit.name_zh))).all())
    found: dict[str, ConflictPublic] = {}

    def project_record(p: Project) -> ConflictRecord:
        return ConflictRecord(record_type="project", id=pk(p), unit_id=p.unit_id, unit_name=units.get(p.unit_id),
                              name=p.name, amount=p.total_investment)

    for a, b, enterprise_id in _project_pairs(session):
        if a.unit_id != b.unit_id and abs((_day(a) - _day(b)).days) <= WINDOW_DAYS:
            key = f"enterprise_multi_unit:{enterprise_id}:{a.id}-{b.id}"
            found.setdefault(key, ConflictPublic(
                key=key, kind="enterprise_multi_unit", records=[project_record(a), project_record(b)],
                detected_reason=f"同一企业在 {WINDOW_DAYS} 天内出现在两个单位的项目中"))
        bigger = max(a.total_investment, b.total_investment)
        if (a.cluster_id is not None and a.cluster_id == b.cluster_id and _similar(a.name, b.name)
                and abs(a.total_investment - b.total_investment) <= bigger * AMOUNT_TOLERANCE):
            key = f"duplicate_project:{a.id}-{b.id}"
            found.setdefault(key, ConflictPublic(
                key=key, kind="duplicate_project", records=[project_record(a), project_record(b)],
                detected_reason="同一企业、同一产业集群、名称相近且投资额相差不超过10%，疑似重复申报"))
    x, y = aliased(Enterprise), aliased(Enterprise)
    pairs = session.execute(select(x, y).join(y, and_(col(y.id) > col(x.id), or_(
        col(y.name_norm) == col(x.name_norm), col(y.former_norms).contains("|" + col(x.name_norm) + "|"),
        col(x.former_norms).contains("|" + col(y.name_norm) + "|")))).where(
        col(x.merged_into_id).is_(None), col(y.merged_into_id).is_(None))).all()
    for a, b in pairs:
        key = f"duplicate_enterprise:{a.id}-{b.id}"
        found[key] = ConflictPublic(key=key, kind="duplicate_enterprise", detected_reason="企业名称（或曾用名）相同",
                                    records=[ConflictRecord(record_type="enterprise", id=e.id, unit_id=None,
                                                            unit_name=None, name=e.name) for e in (a, b)])
    return sorted(found.values(), key=lambda c: c.key)


def list_conflicts(session: Session, include_decided: bool) -> list[ConflictPublic]:
    conflicts = detect(session)
    decisions = {d.key: d for d in session.execute(select(ConflictDecision).where(
        col(ConflictDecision.key).in_([c.key for c in conflicts]))).scalars()}
    out = []
    for c in conflicts:
        d = decisions.get(c.key)
        if d is None:
            out.append(c)
        elif include_decided:
            out.append(c.model_copy(update={"decision": d.decision, "decision_reason": d.reason,
                                            "decided_by": d.decided_by, "decided_at": d.decided_at}))
    return out


def decide(session: Session, principal: Principal, data: DecisionCreate) -> ConflictDecision:
    current = {c.key: c for c in detect(session)}
    if data.key not in current:
        raise NotFound("该冲突当前未被检测到（可能数据已更正）")
    if session.execute(select(col(ConflictDecision.id)).where(col(ConflictDecision.key) == data.key)).first():
        raise Conflict("该冲突已有处理决定")
    decision = ConflictDecision(key=data.key, kind=current[data.key].kind, decision=data.decision, reason=data.reason,
                                decided_by=principal.name, decided_at=utcnow())
    session.add(decision)
    session.flush()
    return decision

