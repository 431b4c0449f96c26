"""The audit log as an Excel workbook (GET /api/v1/audit-events/export.xlsx, office and admin)."""

import json
from typing import Any

from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.audit.schemas import AuditEventPublic
from app.authz.principal import Principal
from app.core import labels
from app.core.labels import label
from app.core.xlsx import Column, Rows, export
from app.units.names import Names

ENTITY_ZH = labels.zh("entity")  # the catalogue's, as the SPA shows them
ACTION_ZH = labels.zh("auditAction")
ACTOR_ZH = labels.zh("actorType")
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
