"""Attachments of records: upload and list under each record kind, download and remove by the file's id, and the
office's evidence rules.

The upload reads the multipart body only after the gate has let the caller in (`core.multipart`), so an anonymous
or read-only caller never gets a file spooled to disk. Its `Idempotency-Key` is keyed on what was uploaded (the
record, category, name and the file's SHA-256) instead of the raw body, which would have to be held in memory.
"""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse
from sqlmodel import Session
from starlette.datastructures import FormData, UploadFile

from app.attachments import evidence, service
from app.attachments.kinds import KINDS, Kind
from app.attachments.models import Category
from app.attachments.schemas import AttachmentPublic, AttachmentsPublic, EvidenceRulesPublic, EvidenceRulesUpdate
from app.attachments.sniff import PREVIEWABLE
from app.attachments.storage import for_settings
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import Unprocessable
from app.core.multipart import form_dependency
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep

router = APIRouter(prefix="/api/v1", tags=["attachments"])
Reader = Annotated[Principal, allow(Action.records_read)]
Writer = Annotated[Principal, allow(Action.records_write)]
Office = Annotated[Principal, allow(Action.targets_manage)]

UPLOAD_OVERHEAD = 64 * 1024  # the multipart framing around the file; the file itself is held to the limit exactly
PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
UPLOAD_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file", "category"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "PDF、JPEG、PNG 或 Office 文档"},
                   "category": {"type": "string", "enum": [c.value for c in Category],
                                "description": "合同 / 到位凭证 / 照片 / 签到表 / 其他"}}}}}}}


UploadForm = Annotated[FormData, Depends(form_dependency("字段 file 与 category", max_fields=4))]


def _fields(form: FormData) -> tuple[UploadFile, Category]:
    upload, category = form.get("file"), form.get("category")
    errors = []
    if not isinstance(upload, UploadFile):
        errors.append({"field": "file", "message": "必填"})
    if not isinstance(category, str) or category not in Category.__members__:
        errors.append({"field": "category", "message": "应为 " + " / ".join(Category)})
    if errors or not isinstance(upload, UploadFile) or not isinstance(category, str):
        raise Unprocessable("请选择文件和附件类别", errors=errors)
    return upload, Category(category)


def _add_kind_routes(kind: Kind) -> None:
    name = kind.path.replace("-", "_").removesuffix("s")

    def upload(record_id: IdPath, session: SessionDep, principal: Writer, settings: SettingsDep,
               form: UploadForm, idem: IdempotencyDep) -> Response:
        file, category = _fields(form)
        with service.receive(file.file, settings.attachment_max_bytes) as received:
            idem.claim(f"{kind.table}:{record_id}:{category}:{file.filename}:{received.sha256}")
            row = service.add(session, principal, for_settings(settings), kind, record_id, category, file.filename,
                              received)
            return idem.respond(AttachmentPublic.model_validate(service.public(row)), 201)

    def list_attachments(record_id: IdPath, session: SessionDep, principal: Reader) -> AttachmentsPublic:
        rows, missing = service.list_for(session, principal, kind, record_id)
        return AttachmentsPublic(data=[AttachmentPublic.model_validate(service.public(r)) for r in rows],
                                 missing=missing)

    upload.__doc__ = (f"Attaches a file to a {name.replace('_', ' ')} (multipart: `file`, `category`). The type is "
                      "read from the content (PDF, JPEG, PNG, Office), not the name: 415 otherwise; larger than the "
                      "configured limit: 413. Only the record's unit, only while it is a draft or returned (409 "
                      "record-locked). The SHA-256 enters the record's history (`attach`).")
    list_attachments.__doc__ = (f"The files of a {name.replace('_', ' ')} and the evidence the office's rules still "
                                "require before it is submitted (`missing`).")
    path = f"/{kind.path}/{{record_id}}/attachments"
    router.add_api_route(path, upload, methods=["POST"], status_code=201, response_model=AttachmentPublic,
                         name=f"upload_{name}_attachment", openapi_extra=UPLOAD_BODY,
                         responses={413: {"description": "文件过大"}, 415: {"description": "文件类型不支持"}})
    router.add_api_route(path, list_attachments, methods=["GET"], response_model=AttachmentsPublic,
                         name=f"list_{name}_attachments")


for _kind in KINDS:
    _add_kind_routes(_kind)


def _disposition(kind: str, filename: str) -> str:
    """RFC 6266 with an RFC 5987 UTF-8 name (Chinese names survive) and a plain-ASCII fallback for old clients."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.get("/attachments/rules", response_model=EvidenceRulesPublic)
def get_evidence_rules(session: SessionDep, _: Reader) -> EvidenceRulesPublic:
    """The evidence the office requires before a record is submitted, with each rule in words."""
    return _rules_public(session)


@router.put("/attachments/rules", response_model=EvidenceRulesPublic)
def set_evidence_rules(data: EvidenceRulesUpdate, session: SessionDep, principal: Office) -> EvidenceRulesPublic:
    """A new version of the evidence rules (kept, with its reason); it applies to the next submission."""
    evidence.save(session, data.rules, reason=data.reason, actor=principal.name)
    return _rules_public(session)


def _rules_public(session: Session) -> EvidenceRulesPublic:
    row, rules = evidence.load(session)
    descriptions = {k: f.description or "" for k, f in type(rules).model_fields.items()}
    if row is None:
        return EvidenceRulesPublic(id=None, rules=rules, reason="默认：均不要求", created_by="", created_at=None,
                                   descriptions=descriptions)
    return EvidenceRulesPublic(id=row.id, rules=rules, reason=row.reason, created_by=row.created_by,
                               created_at=row.created_at, descriptions=descriptions)


@router.get("/attachments/{attachment_id}/content", response_class=StreamingResponse,
            responses={200: {"content": {"application/octet-stream": {}}, "description": "文件内容"}})
def download_attachment(attachment_id: IdPath, session: SessionDep, principal: Reader, settings: SettingsDep,
                        inline: Annotated[bool, Query(description="图片或 PDF 在浏览器中预览")] = False,
                        ) -> StreamingResponse:
    """The file, streamed, as a download (`?inline=1`: an image or PDF shown in place, under a strict CSP)."""
    row = service.get(session, principal, attachment_id)
    shown = inline and row.content_type in PREVIEWABLE
    headers = {"Content-Disposition": _disposition("inline" if shown else "attachment", row.filename),
               "X-Content-Type-Options": "nosniff", "Content-Length": str(row.size),
               "Cache-Control": "private, no-store", "ETag": f'"{row.sha256}"'}
    if shown:
        headers |= {"Content-Security-Policy": PREVIEW_CSP, "X-Frame-Options": "SAMEORIGIN"}
    return StreamingResponse(for_settings(settings).chunks(row.storage_key), media_type=row.content_type,
                             headers=headers)


@router.delete("/attachments/{attachment_id}", status_code=204, response_class=Response)
def delete_attachment(attachment_id: IdPath, session: SessionDep, principal: Writer, settings: SettingsDep) -> Response:
    """Removes a file (audited in its record's history as `detach`, with its SHA-256); locked like its record."""
    service.delete(session, principal, for_settings(settings), attachment_id)
    return Response(status_code=204)
