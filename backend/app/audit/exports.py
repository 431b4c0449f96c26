"""The audit log as an Excel workbook (GET /api/v1/audit-events/export.xlsx, office and admin)."""

import json
from typing import Any

from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.audit.schemas import AuditEventPublic
from app.authz.principal import Principal
from app.core.labels import label
from app.core.xlsx import Column, Rows, export
from app.units.names import Names

# The SPA's labels (frontend/src/i18n/labels.ts and modules/core.ts).
ENTITY_ZH = {
    "unit": "单位", "unit_link": "单位关联", "unit_cluster": "单位产业集群", "cluster": "产业集群",
    "app_user": "用户", "api_client": "接口客户端", "enterprise": "企业", "lead": "线索", "visit": "走访",
    "event": "活动", "event_enterprise": "活动参与企业", "project": "项目", "project_credit": "项目分成",
    "project_enterprise": "项目企业", "funds_report": "资金到位", "target": "目标", "target_set": "目标方案",
    "rule_version": "计分规则", "scoring_scheme": "考核方案", "assessment_veto": "一票否决",
    "snapshot": "季度快照", "snapshot_adjustment": "快照调整", "conflict_decision": "冲突处理",
}
ACTION_ZH = {
    "create": "新建", "update": "修改", "delete": "删除", "merge": "合并", "funds_override": "资金调整",
    "close_quarter": "季度关账", "submit": "报送", "withdraw": "撤回", "verify": "核实", "return": "退回",
    "reopen": "重新打开", "approved": "批准", "rejected": "驳回",
}
ACTOR_ZH = {"user": "用户", "client": "接口客户端", "system": "系统"}
NOISE = frozenset({"id", "version", "created_at", "updated_at", "session_version", "password_hash"})


def _text(value: Any) -> str:
    if value is None:
        return "空"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def changes(e: AuditEventPublic) -> str:
    """What the event changed, as the SPA's audit page summarises it: an update lists the fields that
    differ (before → after), a creation what was set, a deletion what was there."""
    before, after = e.before or {}, e.after or {}
    if e.before is not None and e.after is not None:
        return "；".join(f"{k}: {_text(before.get(k))} → {_text(after.get(k))}"
                        for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k))
    only = after if e.after is not None else before
    return "；".join(f"{k}={_text(v)}" for k, v in only.items() if k not in NOISE and v not in (None, ""))


def columns(names: Names) -> list[Column[AuditEventPublic]]:
    return [
        Column("编号", lambda e: e.id, 9),
        Column("时间", lambda e: e.at, 17),
        Column("操作人类型", lambda e: label(ACTOR_ZH, e.actor_type)),
        Column("操作人", lambda e: e.actor_name),
        Column("单位", lambda e: names.unit(e.unit_id)),
        Column("操作", lambda e: label(ACTION_ZH, e.action)),
        Column("对象", lambda e: label(ENTITY_ZH, e.entity)),
        Column("对象编号", lambda e: e.entity_id),
        Column("变更内容", changes, 80),
        Column("来源地址", lambda e: e.client_addr or ""),
        Column("请求编号", lambda e: e.request_id or ""),
    ]


def workbook(session: Session, principal: Principal, rows: Rows[AuditEventPublic]) -> StreamingResponse:
    return export(rows, title="操作日志", ascii_name="audit-events", columns=columns(Names.load(session)),
                  exported_by=principal.name, session=session)
