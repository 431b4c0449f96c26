"""The office's rules on which evidence a record needs before it is submitted, as versioned settings (like the
counting rules, `targets.rules`): each says in words (zh, en) what it requires. All are off until the office
turns them on, so records entered before the rules existed are not suddenly refused."""

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from app.attachments.models import CATEGORY_ZH, Attachment, Category, EvidenceRuleVersion
from app.core.errors import Unprocessable


class EvidenceRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    project_contract: bool = Field(
        default=False, description="已签约（含开工、投产）的项目报送前须上传签约合同 / a project signed or beyond "
                                   "needs its contract before it is submitted")
    funds_receipt: bool = Field(
        default=False, description="到位资金报送前须上传到位凭证 / a funds report needs its bank receipt")
    event_sign_in_sheet: bool = Field(
        default=False, description="活动报送前须上传签到表 / an event needs its sign-in sheet")
    event_photo: bool = Field(default=False, description="活动报送前须上传照片 / an event needs a photo")
    visit_photo: bool = Field(default=False, description="走访报送前须上传照片 / a visit needs a photo")


DEFAULT = EvidenceRules()
SIGNED_OR_BEYOND = frozenset({"signed", "started", "in_production"})

# (rule, parent table, which records of it the rule binds, the category it needs)
Requirement = tuple[str, str, Callable[[Any], bool], Category]
REQUIREMENTS: tuple[Requirement, ...] = (
    ("project_contract", "project", lambda p: getattr(p, "stage", None) in SIGNED_OR_BEYOND, Category.contract),
    ("funds_receipt", "funds_report", lambda _: True, Category.receipt),
    ("event_sign_in_sheet", "event", lambda _: True, Category.sign_in_sheet),
    ("event_photo", "event", lambda _: True, Category.photo),
    ("visit_photo", "visit", lambda _: True, Category.photo),
)


def load(session: Session) -> tuple[EvidenceRuleVersion | None, EvidenceRules]:
    row = session.exec(select(EvidenceRuleVersion).order_by(col(EvidenceRuleVersion.id).desc()).limit(1)).first()
    return row, (EvidenceRules.model_validate(json.loads(row.settings)) if row else DEFAULT)


def save(session: Session, rules: EvidenceRules, *, reason: str, actor: str) -> EvidenceRuleVersion:
    row = EvidenceRuleVersion(settings=rules.model_dump_json(), reason=reason, created_by=actor)
    session.add(row)
    session.flush()
    return row


def missing(session: Session, record: Any) -> list[dict[str, str]]:
    """The evidence categories `record` still lacks under the rules in force (one error per category)."""
    table = str(type(record).__tablename__)
    wanted = [category for name, rule_table, binds, category in REQUIREMENTS if rule_table == table]
    if not wanted:
        return []
    _, rules = load(session)
    wanted = [category for name, rule_table, binds, category in REQUIREMENTS
              if rule_table == table and getattr(rules, name) and binds(record)]
    if not wanted:
        return []
    present = set(session.exec(select(col(Attachment.category)).where(
        col(Attachment.record_table) == table, col(Attachment.record_id) == record.id,
        col(Attachment.category).in_(wanted)).group_by(col(Attachment.category))).all())
    return [{"field": "attachments", "message": f"缺少附件：{CATEGORY_ZH[c]}", "category": c}
            for c in dict.fromkeys(wanted) if c not in present]


def ensure_evidence(session: Session, record: Any) -> None:
    """422 incomplete, naming the evidence still to upload; called by `records.service.transition` on submit."""
    if errors := missing(session, record):
        names = "、".join(CATEGORY_ZH[e["category"]] for e in errors)
        raise Unprocessable(f"报送前请上传附件：{names}", code="incomplete", errors=errors)

