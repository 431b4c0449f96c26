"""Excel imports: the template per kind, the upload (a checked dry run, as a job), the marked copy, the commit
(a job) and the history. The multipart body is parsed only after the gate (`core.multipart`)."""

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from starlette.datastructures import FormData, UploadFile

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core import jobs
from app.core.deps import SessionDep
from app.core.downloads import XLSX, attachment, binary
from app.core.errors import Unprocessable
from app.core.multipart import form_dependency
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep
from app.imports import jobs as import_jobs
from app.imports import safety, service, template
from app.imports.models import ImportKind
from app.imports.schemas import ImportCommit, ImportPublic, ImportsPublic
from app.records.schemas import Cursor, Limit

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])
Reader = Annotated[Principal, allow(Action.imports_read)]
Writer = Annotated[Principal, allow(Action.imports_write)]

BINARY = binary(XLSX, "Excel 工作簿")
UPLOAD_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["kind", "file"],
    "properties": {"kind": {"type": "string", "enum": [k.value for k in ImportKind], "description": "记录类型"},
                   "file": {"type": "string", "format": "binary", "description": ".xlsx，至多 5 MB、10,000 行"},
                   "unit_id": {"type": "integer", "description": "代哪个单位导入（仅招商办）"}}}}}}}


UploadForm = Annotated[FormData, Depends(form_dependency("字段 kind 与 file", max_fields=5))]


def _fields(form: FormData) -> tuple[UploadFile, ImportKind, int | None]:
    upload, kind, unit = form.get("file"), form.get("kind"), form.get("unit_id")
    errors = []
    if not isinstance(upload, UploadFile):
        errors.append({"field": "file", "message": "必填"})
    if not isinstance(kind, str) or kind not in {k.value for k in ImportKind}:
        errors.append({"field": "kind", "message": "应为 " + " / ".join(ImportKind)})
    unit_id = None
    if isinstance(unit, str) and unit.strip():
        if not unit.strip().isdigit() or not 1 <= int(unit.strip()) < 2**31:
            errors.append({"field": "unit_id", "message": "应为单位编号"})
        else:
            unit_id = int(unit.strip())
    if errors or not isinstance(upload, UploadFile) or not isinstance(kind, str):
        raise Unprocessable("请选择记录类型和文件", errors=errors)
    return upload, ImportKind(kind), unit_id


def _xlsx(body: bytes, name: str) -> Response:
    return attachment(body, XLSX, name, "import.xlsx")


@router.get("/templates/{kind}", response_class=Response, responses=BINARY)
def download_import_template(kind: ImportKind, session: SessionDep, _: Reader) -> Response:
    """The zh-CN template of a kind: one header row (each header commented), drop-downs for every enumerated
    field and for unit names, an example row, and a 代码 sheet with the codes."""
    return _xlsx(template.build(session, kind), f"{template.title(kind)}导入模板.xlsx")


@router.post("", status_code=202, response_model=ImportPublic, openapi_extra=UPLOAD_BODY,
             responses={413: {"description": "文件过大"}, 415: {"description": "不是 .xlsx 文件"}})
def create_import(session: SessionDep, principal: Writer, form: UploadForm, idem: IdempotencyDep) -> Response:
    """Uploads a workbook and starts its dry run (a background job): every row is checked as the API would, nothing
    is written. Poll `getImport` until `checked`. Refused files (size, rows, not .xlsx, zip bombs, XML entities)
    answer problem+json and store nothing."""
    upload, kind, unit_id = _fields(form)
    content = safety.read_limited(upload.file)
    idem.claim(f"import:{kind}:{unit_id}:{upload.filename}:{hashlib.sha256(content).hexdigest()}")
    batch = service.create(session, principal, kind, upload.filename or "import.xlsx", content, unit_id)
    jobs.after_commit(session, import_jobs.check_import, batch.id)
    return idem.respond(service.public(batch), 202)


@router.get("", response_model=ImportsPublic)
def list_imports(session: SessionDep, principal: Reader, kind: Annotated[ImportKind | None, Query()] = None,
                 cursor: Cursor = None, limit: Limit = 50) -> ImportsPublic:
    """The import history, newest first: the office, admin and leaders see every import, a unit its own unit's."""
    page = service.list_imports(session, principal, kind, cursor=cursor, limit=limit)
    return ImportsPublic(data=[service.public(b) for b in page.items], **page.meta())


@router.get("/{import_id}", response_model=ImportPublic)
def get_import(import_id: IdPath, session: SessionDep, principal: Reader) -> ImportPublic:
    """An import with its progress (rows checked / written) and findings; another unit's answers 404."""
    return service.public(service.get(session, principal, import_id))


@router.get("/{import_id}/marked.xlsx", response_class=Response, responses=BINARY)
def download_import_marked(import_id: IdPath, session: SessionDep, principal: Reader) -> Response:
    """The uploaded workbook with each refused cell filled red and commented (404 until the dry run made one)."""
    batch = service.get(session, principal, import_id)
    return _xlsx(service.marked_copy(session, batch), f"{batch.file_name.removesuffix('.xlsx')}（已标注）.xlsx")


@router.post("/{import_id}/commit", status_code=202, response_model=ImportPublic)
def commit_import(import_id: IdPath, data: ImportCommit, session: SessionDep, principal: Writer,
                  idem: IdempotencyDep) -> Response:
    """Writes the checked rows (a background job) through each kind's own services, so history, feed and figures
    see them: every valid row, or none when `all_or_nothing` and any row was refused. Only from `checked`
    (409 otherwise, e.g. a second commit). Rows are written in the uploader's name: only they or a colleague in
    the same role and unit confirm (403 otherwise)."""
    batch = service.commit(session, principal, import_id, data.all_or_nothing)
    jobs.after_commit(session, import_jobs.write_import, batch.id)
    return idem.respond(service.public(batch), 202)
