"""The shared enterprise library: USCC checks, duplicate detection and merging.

One company is one row whoever courts it; entering it twice is a duplicate to merge, so creation
returns likely duplicates first and the office merges, moving every link to the survivor.
"""

import json

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.audit.service import set_action
from app.authz.principal import Principal
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.models import pk
from app.enterprises import class_review
from app.enterprises.identity import USCC_PATTERN, normalize_name, uscc_checksum_ok
from app.enterprises.models import Enterprise
from app.enterprises.schemas import DuplicateCandidate, EnterpriseCreate, EnterpriseUpdate
from app.events.models import EventEnterprise
from app.leads.models import Lead
from app.projects.models import ProjectEnterprise
from app.records import external, workflow_hooks
from app.records.service import reject_nulls
from app.visits.models import Visit


def check_uscc(uscc: str | None, override_reason: str | None) -> None:
    if uscc is None:
        return
    if not USCC_PATTERN.match(uscc):
        raise Unprocessable("统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）",
                            code="uscc-format", errors=[{"field": "uscc", "message": "格式不正确"}])
    if not uscc_checksum_ok(uscc) and not (override_reason and override_reason.strip()):
        raise Unprocessable("统一社会信用代码校验位不符。如确认代码无误（部分早期代码如此），请填写原因后保存",
                            code="uscc-checksum",
                            errors=[{"field": "uscc", "message": "校验位不符，可填写 uscc_override_reason 后保存"}])


def duplicate_candidates(session: Session, name: str | None, uscc: str | None,
                         exclude_id: int | None = None) -> list[DuplicateCandidate]:
    """Same USCC, or a name (current or former) that normalises the same."""
    found: dict[int, DuplicateCandidate] = {}
    alive = col(Enterprise.merged_into_id).is_(None)
    if uscc:
        for e in session.exec(select(Enterprise).where(Enterprise.uscc == uscc.upper())):
            found[pk(e)] = DuplicateCandidate(id=pk(e), name=e.name, uscc=e.uscc, reason="统一社会信用代码相同")
    if name:
        norm = normalize_name(name)
        for e in session.exec(select(Enterprise).where(alive, or_(
                col(Enterprise.name_norm) == norm, col(Enterprise.former_norms).contains(f"|{norm}|"))).limit(20)):
            if e.id not in found:
                reason = "名称相同或相近" if e.name_norm == norm else "与曾用名相同"
                found[pk(e)] = DuplicateCandidate(id=pk(e), name=e.name, uscc=e.uscc, reason=reason)
    if exclude_id is not None:
        found.pop(exclude_id, None)
    return list(found.values())


def set_former_names(ent: Enterprise, names: list[str]) -> None:
    ent.former_names = json.dumps(names, ensure_ascii=False)
    ent.former_norms = "|" + "".join(f"{normalize_name(n)}|" for n in names)


def get(session: Session, enterprise_id: int, *, for_update: bool = False) -> Enterprise:
    """`for_update` locks FOR NO KEY UPDATE (what the UPDATE itself takes): a record being linked to the
    enterprise meanwhile only needs KEY SHARE for its foreign key, so neither waits for the other."""
    stmt = select(Enterprise).where(Enterprise.id == enterprise_id)
    ent = session.exec(stmt.with_for_update(key_share=True) if for_update else stmt).first()
    if ent is None:
        raise NotFound("企业不存在")
    return ent


def refuse_duplicates(session: Session, name: str, uscc: str | None, *, confirmed: bool) -> None:
    """409 naming the existing enterprises: always for the same USCC, for a like name unless confirmed."""
    candidates = duplicate_candidates(session, name, uscc)
    same_code = [c for c in candidates if c.reason.startswith("统一社会信用代码")]
    if same_code:
        raise Conflict("已有相同统一社会信用代码的企业", code="duplicate-uscc",
                       candidates=[c.model_dump() for c in same_code])
    if candidates and not confirmed:
        raise Conflict("企业库中可能已有该企业，请先确认；确认不是同一家企业时设置 confirm_not_duplicate",
                       code="possible-duplicate", candidates=[c.model_dump() for c in candidates])


def next_name_seq(session: Session, norm: str, exclude_id: int | None = None) -> int:
    """The number a confirmed namesake takes: one past the highest with this normalised name (0 if none)."""
    stmt = select(func.max(Enterprise.name_seq)).where(Enterprise.name_norm == norm)
    if exclude_id is not None:
        stmt = stmt.where(Enterprise.id != exclude_id)
    top = session.exec(stmt).one()
    return 0 if top is None else top + 1


def create(session: Session, principal: Principal, data: EnterpriseCreate) -> Enterprise:
    """Checks for duplicates, then inserts under the unique key, which settles what the check cannot: two editors
    entering the same enterprise at once. The one that loses gets the same 409 as if it had come second, naming
    the enterprise just saved, even when it had confirmed an older namesake (it has not seen this one)."""
    check_uscc(data.uscc, data.uscc_override_reason)
    refuse_duplicates(session, data.name, data.uscc, confirmed=data.confirm_not_duplicate)
    norm = normalize_name(data.name)
    fields = data.model_dump(exclude={"confirm_not_duplicate", "former_names"})
    external.stamp(principal, Enterprise, fields, session=session)
    ent = Enterprise(**fields, name_norm=norm, name_seq=next_name_seq(session, norm) if data.confirm_not_duplicate
                     else 0, created_by_unit_id=principal.unit_id)
    set_former_names(ent, data.former_names)
    try:
        with session.begin_nested():  # a savepoint: a lost race leaves the request's transaction usable
            session.add(ent)
            session.flush()
    except IntegrityError:
        refuse_duplicates(session, data.name, data.uscc, confirmed=False)
        raise
    return ent


def update_enterprise(session: Session, ent: Enterprise, data: EnterpriseUpdate, principal: Principal) -> Enterprise:
    """A rename to a namesake's name is allowed (as before) and numbered after it; a rename or USCC that another
    editor saves at the same moment loses on the unique key with the same 409 as a sequential one. A unit's change
    of a class that verified figures count waits for the office (class_review)."""
    if ent.merged_into_id is not None:
        raise Conflict(f"该企业已合并到企业 {ent.merged_into_id}，请修改后者", code="merged")
    changes = data.model_dump(exclude_unset=True)
    flags = (k for k in changes if k.startswith("is_"))
    reject_nulls(changes, ("name", "country", "province", "city", "industry", *flags))
    external.stamp(principal, Enterprise, changes, ent)
    class_review.hold_back(session, ent, changes, principal)
    uscc: str | None = changes.get("uscc", ent.uscc)
    check_uscc(uscc, changes.get("uscc_override_reason", ent.uscc_override_reason))
    new_code = uscc is not None and uscc != ent.uscc
    if new_code and uscc is not None:
        _refuse_taken_code(session, uscc)
    renamed = "name" in changes and changes["name"] != ent.name
    norm = normalize_name(changes["name"]) if renamed else ent.name_norm
    seq = next_name_seq(session, norm, exclude_id=ent.id) if norm != ent.name_norm else ent.name_seq
    try:
        with session.begin_nested():  # a savepoint: a lost race leaves the request's transaction usable
            if renamed:
                set_former_names(ent, [*json.loads(ent.former_names), ent.name])
                ent.name_norm, ent.name_seq = norm, seq
            for key, value in changes.items():
                setattr(ent, key, value)
            ent.version += 1
            session.add(ent)
            session.flush()
    except IntegrityError:
        if new_code and uscc is not None:
            _refuse_taken_code(session, uscc)
        namesakes = duplicate_candidates(session, changes.get("name"), None, ent.id)
        raise Conflict("另一位用户刚把其他企业保存为同一名称，请刷新后确认", code="possible-duplicate",
                       candidates=[c.model_dump() for c in namesakes]) from None
    return ent


def _refuse_taken_code(session: Session, uscc: str) -> None:
    taken = session.exec(select(Enterprise).where(Enterprise.uscc == uscc)).first()
    if taken is not None:
        raise Conflict("已有相同统一社会信用代码的企业", code="duplicate-uscc", candidates=[DuplicateCandidate(
            id=pk(taken), name=taken.name, uscc=taken.uscc, reason="统一社会信用代码相同").model_dump()])


def merge(session: Session, merged_id: int, into_id: int, reason: str) -> Enterprise:
    """Moves every link from `merged` to the survivor, in one transaction, all of it in the history.

    Rows are locked before anything changes, in the order every multi-row action uses (docs/architecture.md):
    table by table, each table's rows sorted by id in one statement — so two merges of the same pair in
    opposite directions, or a merge and a bulk verify, wait for each other instead of deadlocking."""
    if merged_id == into_id:
        raise Unprocessable("不能合并到自身", errors=[{"field": "into_id", "message": "不能是同一企业"}])
    pair = {e.id: e for e in session.exec(select(Enterprise).where(col(Enterprise.id).in_([merged_id, into_id]))
                                          .order_by(col(Enterprise.id)).with_for_update(key_share=True)
                                          .execution_options(populate_existing=True))}
    merged, survivor = pair.get(merged_id), pair.get(into_id)
    if merged is None or survivor is None:
        raise NotFound("企业不存在")
    if merged.merged_into_id is not None:
        raise Conflict(f"该企业已合并到企业 {merged.merged_into_id}", code="merged")
    if survivor.merged_into_id is not None:
        raise Unprocessable("目标企业本身已被合并，请合并到最终保留的企业",
                            errors=[{"field": "into_id", "message": f"已合并到 {survivor.merged_into_id}"}])
    for hook in workflow_hooks.ENTERPRISE_MERGING:  # e.g. a notice to each unit whose records move
        hook(session, merged, survivor, reason)
    for model in (Lead, Visit):
        for record in session.exec(select(model).where(col(model.enterprise_id) == pk(merged)).order_by(col(model.id))
                                   .with_for_update()):
            record.enterprise_id = survivor.id
            record.version += 1
            session.add(record)
    for link_model, owner in ((EventEnterprise, "event_id"), (ProjectEnterprise, "project_id")):
        kept = set(session.exec(select(getattr(link_model, owner)).where(link_model.enterprise_id == survivor.id)))
        for link in session.exec(select(link_model).where(link_model.enterprise_id == merged.id)
                                 .order_by(getattr(link_model, owner)).with_for_update()):
            owner_id = getattr(link, owner)
            session.delete(link)
            if owner_id not in kept:
                session.add(link_model(**{owner: owner_id, "enterprise_id": survivor.id}))
        session.flush()
    former = json.loads(survivor.former_names)
    for name in [merged.name, *json.loads(merged.former_names)]:
        if name not in former and name != survivor.name:
            former.append(name)
    set_former_names(survivor, former)
    if survivor.uscc is None and merged.uscc is not None:
        code, merged.uscc = merged.uscc, None
        session.add(merged)
        session.flush()  # free the unique code before the survivor takes it
        survivor.uscc, survivor.uscc_override_reason = code, merged.uscc_override_reason
    survivor.version += 1
    merged.merged_into_id, merged.merge_reason = survivor.id, reason
    merged.version += 1
    set_action(session, merged, "merge")
    session.add_all([survivor, merged])
    session.flush()
    return survivor
