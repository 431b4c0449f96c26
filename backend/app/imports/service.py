"""Imports: the upload (checked before anything is stored), who sees which import, the commit's hand-over, and
the two jobs' work — the dry run (`check`) and the write (`write`) — which open their own sessions."""

import contextlib
import dataclasses
import itertools
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.roles import Role
from app.authz.scoping import readable_units
from app.core import jobs
from app.core.errors import AppError, Conflict, Forbidden, NotFound, Unprocessable
from app.core.models import pk
from app.core.pagination import Page, keyset_page
from app.core.time import utcnow
from app.enterprises.identity import normalize_name
from app.enterprises.lookup import hold_enterprises
from app.enterprises.models import Enterprise
from app.imports import marking, safety
from app.imports.columns import SPECS, UNIT, Spec
from app.imports.models import ImportBatch, ImportFile, ImportKind, ImportLedger, ImportStatus
from app.imports.reader import Finding, Reader, Row, Where, dump_checked, load_checked, to_findings
from app.imports.schemas import ImportPublic
from app.records import service as records
from app.units.models import Unit
from app.users.models import User

log = logging.getLogger(__name__)
MAX_ERRORS = 500
PROGRESS_EVERY = 250  # rows between progress commits
SORTS = {"id": col(ImportBatch.id)}


def public(batch: ImportBatch) -> ImportPublic:
    return ImportPublic.model_validate({
        **batch.model_dump(exclude={"errors", "unknown_columns", "created_by_id"}),
        "errors": json.loads(batch.errors), "unknown_columns": json.loads(batch.unknown_columns)})


def create(session: Session, principal: Principal, kind: ImportKind, file_name: str, content: bytes,
           unit_id: int | None) -> ImportBatch:
    """Refuses a file that is not a safe .xlsx (or declares too many rows) before storing anything; then stores
    it for the dry run, which the caller enqueues after the commit."""
    if principal.kind != "user" or principal.id is None:
        raise NotFound()
    safety.check(content)
    declared = safety.declared_rows(content)
    if declared is not None:
        safety.check_rows(declared)
    if unit_id is not None and unit_id != principal.unit_id:
        if principal.role != Role.office:
            raise Unprocessable("只有招商办可以代其他单位导入",
                                errors=[{"field": "unit_id", "message": "只能是本单位"}])
        if session.get(Unit, unit_id) is None:
            raise Unprocessable("单位不存在", errors=[{"field": "unit_id", "message": "单位不存在"}])
    batch = ImportBatch(kind=kind.value, file_name=file_name[:200], unit_id=unit_id or principal.unit_id,
                        created_by_id=principal.id, created_by=principal.name)
    session.add(batch)
    session.flush()
    session.add(ImportFile(import_id=_id(batch), role="upload", content=content))
    session.flush()
    return batch


def _id(batch: ImportBatch) -> int:
    assert batch.id is not None
    return batch.id


def get(session: Session, principal: Principal, import_id: int, *, for_update: bool = False) -> ImportBatch:
    """Another unit's import answers 404, like a missing one."""
    stmt = select(ImportBatch).where(ImportBatch.id == import_id,
                                     readable_units(principal).clause(col(ImportBatch.unit_id)))
    batch = session.exec(stmt.with_for_update() if for_update else stmt).first()
    if batch is None:
        raise NotFound("导入记录不存在或无权查看")
    return batch


def list_imports(session: Session, principal: Principal, kind: ImportKind | None, *, cursor: str | None,
                 limit: int) -> Page[ImportBatch]:
    stmt = select(ImportBatch).where(readable_units(principal).clause(col(ImportBatch.unit_id)))
    if kind is not None:
        stmt = stmt.where(ImportBatch.kind == kind.value)
    return keyset_page(session, stmt, id_column=col(ImportBatch.id), sort="-id", allowed=SORTS, cursor=cursor,
                       limit=limit)


def marked_copy(session: Session, batch: ImportBatch) -> bytes:
    found = session.get(ImportFile, (_id(batch), "marked"))
    if found is None:
        raise NotFound("没有标注副本：该导入尚未检查完毕，或没有发现问题")
    return found.content


def commit(session: Session, principal: Principal, import_id: int, all_or_nothing: bool) -> ImportBatch:
    """Hands a checked import to the write job (enqueued by the caller after the commit); only once."""
    batch = get(session, principal, import_id, for_update=True)
    uploader = session.get(User, batch.created_by_id)
    if uploader is None or principal.id != uploader.id and (
            principal.role != uploader.role or principal.unit_id != uploader.unit_id):
        # the rows are written in the uploader's name: only they, or a colleague in the same role and unit, confirm
        raise Forbidden("只能确认本人或本单位同岗位人员上传的导入")
    if batch.status != ImportStatus.checked:
        raise Conflict(f"只能确认已检查完毕、尚未写入的导入（当前状态：{ImportStatus(batch.status).value}）",
                       code="import-not-checked")
    batch.status, batch.all_or_nothing = ImportStatus.writing, all_or_nothing
    session.add(batch)
    session.flush()
    return batch


# ---- the jobs' work ------------------------------------------------------------------------------------------


def _importer(session: Session, batch: ImportBatch) -> Principal:
    user = session.get(User, batch.created_by_id)
    if user is None or not user.active:
        raise Unprocessable("导入人的账号已停用")
    return Principal(kind="user", id=user.id, name=user.username, role=user.role, unit_id=user.unit_id)


def _finish(session: Session, batch: ImportBatch, status: ImportStatus, message: str | None = None) -> None:
    batch.status, batch.message = status, message
    if status in (ImportStatus.done, ImportStatus.failed):
        batch.finished_at = utcnow()
    session.add(batch)
    session.commit()


def _errors(findings: list[Finding]) -> str:
    return json.dumps([{"row": f.row, "column": f.column, "message": f.text} for f in findings[:MAX_ERRORS]],
                      ensure_ascii=False)


def check(import_id: int) -> None:
    """The dry run: every row read and checked, nothing written; findings, counts and a marked copy stored."""
    _run(import_id, ImportStatus.checking, _check)


def _run(import_id: int, status: ImportStatus, work: Callable[[Session, ImportBatch], None]) -> None:
    """A job's work on an import in that status; whatever breaks, the import says so instead of hanging in it
    (rows an earlier commit of the work wrote stay written)."""
    with jobs.session() as session:
        batch = session.get(ImportBatch, import_id)
        if batch is None or batch.status != status:
            return
        try:
            work(session, batch)
        except Exception as exc:  # noqa: BLE001 - reported on the import, logged with its trace
            session.rollback()
            log.exception("import %s: the job failed in %s", import_id, status)
            batch = session.get(ImportBatch, import_id) or batch
            _finish(session, batch, ImportStatus.failed, _failure(exc))


def _failure(exc: Exception) -> str:
    return exc.detail if isinstance(exc, AppError) else "文件无法读取，请确认是 Excel 保存的 .xlsx 文件"


def _check(session: Session, batch: ImportBatch) -> None:
    content = session.get(ImportFile, (_id(batch), "upload"))
    assert content is not None
    reader = Reader(session, SPECS[ImportKind(batch.kind)], _importer(session, batch), batch.unit_id)
    sheet, declared, rows = reader.rows(content.content)
    batch.unknown_columns = json.dumps(sheet.unknown, ensure_ascii=False)
    batch.rows_total = declared
    findings: list[Finding] = []
    valid: list[Row] = []
    for row in rows:
        batch.rows_checked += 1
        if row.findings:
            batch.rows_invalid += 1
            findings.extend(row.findings)
        else:
            batch.rows_valid += 1
            valid.append(row)
        if batch.rows_checked % PROGRESS_EVERY == 0:
            session.add(batch)
            session.commit()
    batch.rows_total = batch.rows_checked
    if not batch.rows_checked:
        _finish(session, batch, ImportStatus.failed, "工作表中没有数据行（第 1 行为表头，数据从第 2 行起）")
        return
    batch.errors = _errors(findings)
    session.add(ImportFile(import_id=_id(batch), role="rows", content=dump_checked(reader.where(sheet), valid)))
    if findings:
        session.add(ImportFile(import_id=_id(batch), role="marked", content=marking.marked(content.content, findings)))
        batch.has_marked_copy = True
    _finish(session, batch, ImportStatus.checked)


def write(import_id: int) -> None:
    """The commit: each valid row written through its kind's own services (history, feed and rollups see it),
    each in a savepoint so a row the service refuses is reported and the rest go on — or, all-or-nothing, the
    first refusal undoes everything."""
    _run(import_id, ImportStatus.writing, _write)


def _write(session: Session, batch: ImportBatch) -> None:
    if batch.all_or_nothing and batch.rows_invalid:
        _finish(session, batch, ImportStatus.done,
                f"有 {batch.rows_invalid} 行未通过检查，按“全部或全不”的要求，未写入任何记录")
        return
    import_id = _id(batch)
    session.info["request_id"] = f"import-{import_id}"  # every audit row the import writes names the batch
    importer = _importer(session, batch)
    spec = SPECS[ImportKind(batch.kind)]
    where, rows = _checked_rows(session, batch, spec, importer)
    writer = _Writer(session, spec, importer, import_id)
    refused: list[Finding] = []
    for chunk in _batched(iter(rows), PROGRESS_EVERY):
        outcomes, findings = _write_chunk(session, writer, chunk, where)
        refused += findings
        batch.rows_unchanged += outcomes.count("unchanged")
        batch.rows_written += len(outcomes) - outcomes.count("unchanged")
        if refused and batch.all_or_nothing:
            break
        if not batch.all_or_nothing:  # progress for the SPA; the session is emptied so flushes stay cheap
            session.add(batch)
            session.commit()
            session.expunge_all()
            batch = session.get(ImportBatch, import_id) or batch
    if refused:
        _refused(session, batch, refused)
    else:
        _finish(session, batch, ImportStatus.done)


def _checked_rows(session: Session, batch: ImportBatch, spec: Spec, importer: Principal) -> tuple[Where, Iterable[Row]]:
    """The rows the dry run found valid, as it kept them; for an import checked before they were kept (an
    earlier version), the workbook read again."""
    stored = session.get(ImportFile, (_id(batch), "rows"))
    if stored is not None:
        return load_checked(stored.content, spec.record_kind.create_schema)
    upload = session.get(ImportFile, (_id(batch), "upload"))
    assert upload is not None
    reader = Reader(session, spec, importer, batch.unit_id)
    sheet, _, rows = reader.rows(upload.content)
    return reader.where(sheet), (r for r in rows if r.data is not None)


def _batched(rows: Iterator[Row], size: int) -> Iterator[tuple[Row, ...]]:
    while chunk := tuple(itertools.islice(rows, size)):
        yield chunk


def _write_chunk(session: Session, writer: "_Writer", chunk: tuple[Row, ...],
                 where: dict[str, tuple[int | None, str]]) -> tuple[list[str], list[Finding]]:
    """A chunk of rows in one savepoint; when a row is refused, the chunk again one savepoint per row, so the
    refused rows are reported and the others written."""
    writer.prefetch(chunk)
    try:
        with session.begin_nested():
            outcomes = [writer.write(row) for row in chunk]
            writer.add_entries()
            return outcomes, []
    except (AppError, IntegrityError):
        writer.prefetch(chunk)
    outcomes, refused = [], []
    for row in chunk:
        try:
            with session.begin_nested():
                outcomes.append(writer.write(row))
                writer.add_entries()
        except AppError as exc:
            refused += to_findings(row.number, where, exc.errors or [{"field": "", "message": exc.detail}])
        except IntegrityError:
            refused.append(Finding(row.number, None, None, "与已有记录冲突（可能正被他人同时录入），请稍后重试"))
    return outcomes, refused


def _refused(session: Session, batch: ImportBatch, refused: list[Finding]) -> None:
    """Rows the kinds' services refused while writing join the dry run's findings."""
    if batch.all_or_nothing:
        session.rollback()
        batch = session.get(ImportBatch, _id(batch)) or batch
        batch.rows_written = batch.rows_unchanged = 0
    rows = {f.row for f in refused}
    batch.rows_invalid += len(rows)
    batch.rows_valid -= len(rows)
    earlier = json.loads(batch.errors)
    batch.errors = json.dumps((earlier + json.loads(_errors(refused)))[:MAX_ERRORS], ensure_ascii=False)
    _finish(session, batch, ImportStatus.done, "全部或全不：写入时有记录被拒绝，未写入任何记录"
            if batch.all_or_nothing else f"写入时有 {len(rows)} 行被拒绝，见错误列表")


class _Writer:
    """Finds a row's record (enterprises by USCC or normalised name; other kinds by the ledger) and creates it,
    updates what changed, or leaves it."""

    def __init__(self, session: Session, spec: Spec, importer: Principal, import_id: int) -> None:
        self.session, self.spec, self.importer, self.import_id = session, spec, importer, import_id
        self.kind = spec.record_kind
        self.known: dict[tuple[int, str], ImportLedger] = {}  # (unit, row key) → ledger entry, for a chunk
        self.pending: list[ImportLedger] = []  # new entries, added once the chunk's (or row's) records are written
        self.unsettled: list[tuple[ImportLedger, Any]] = []  # new entries whose record has no id yet
        self.later = records.ids_later if self.kind.create_flushes_later else contextlib.nullcontext

    def settle(self) -> None:
        """The chunk's new records flushed together (one INSERT for all), and their ids into their entries."""
        if self.unsettled:
            self.session.flush()
            for entry, record in self.unsettled:
                entry.record_id = pk(record)
            self.unsettled = []

    def add_entries(self) -> None:
        """The new ledger entries, inserted together (one statement for a chunk, not one per row)."""
        self.settle()
        self.session.add_all(self.pending)
        self.session.flush()
        self.pending = []

    def prefetch(self, rows: tuple[Row, ...]) -> None:
        """The ledger entries of a chunk's rows, in one query."""
        self.pending, self.unsettled = [], []
        hold_enterprises(self.session, (eid for row in rows for eid in _enterprise_ids(row.data)))
        keys = {row.key for row in rows if row.key is not None}
        self.known = {} if not self.spec.owned or not keys else {
            (e.unit_id, e.row_key): e for e in self.session.exec(select(ImportLedger).where(
                ImportLedger.kind == self.spec.kind.value, col(ImportLedger.row_key).in_(sorted(keys))))}

    def _actor(self, row: Row) -> Principal:
        """The office imports on a unit's behalf: it acts as that unit for these rows (and only these)."""
        if self.importer.role == Role.office and row.unit_id is not None:
            return dataclasses.replace(self.importer, unit_id=row.unit_id)
        return self.importer

    def write(self, row: Row) -> str:
        assert row.data is not None
        actor = self._actor(row)
        self.session.info["actor"] = actor
        if not self.spec.owned:
            existing = self._enterprise(row.data)
            if existing is not None:
                return self._update(actor, existing, row)
            self.kind.create(self.session, actor, row.data)
            return "created"
        assert row.unit_id is not None and row.key is not None
        entry = self.known.get((row.unit_id, row.key))
        if entry is not None and entry.row_hash == row.digest:
            return "unchanged"  # the same values as when this row was last imported: the record is not read
        if entry is not None:
            self.settle()  # an earlier row of this chunk with the same key made the record
            try:
                record = self.kind.get(self.session, actor, entry.record_id, for_update=True)
            except NotFound:
                self.session.delete(entry)  # the record was deleted (a draft): the row makes it anew
                self.session.flush()
                del self.known[(row.unit_id, row.key)]
            else:
                entry.row_hash, entry.import_id = row.digest, self.import_id
                self.session.add(entry)
                return self._update(actor, record, row)
        with self.later(self.session):
            record = self.kind.create(self.session, actor, row.data)
        entry = ImportLedger(kind=self.spec.kind.value, unit_id=row.unit_id, row_key=row.key, record_id=record.id,
                             import_id=self.import_id, row_hash=row.digest)
        if record.id is None:
            self.unsettled.append((entry, record))
        self.pending.append(entry)
        self.known[(row.unit_id, row.key)] = entry  # a second row with the same key further down finds it
        return "created"

    def _enterprise(self, data: Any) -> Enterprise | None:
        if data.uscc:
            found = self.session.exec(select(Enterprise).where(Enterprise.uscc == data.uscc)).first()
            if found is not None:
                return found
        return self.session.exec(select(Enterprise).where(
            Enterprise.name_norm == normalize_name(data.name), col(Enterprise.merged_into_id).is_(None))
            .order_by(col(Enterprise.name_seq))).first()

    def _update(self, actor: Principal, record: Any, row: Row) -> str:
        assert row.data is not None
        current = self.kind.public_one(self.session, record, actor).model_dump()
        if "enterprises" in current:
            current["enterprise_ids"] = [e["id"] for e in current["enterprises"] or []]
        # an enterprise found by its USCC keeps its name: a rename goes through the enterprise's own page
        wanted = row.data.model_dump(exclude_unset=True, exclude={UNIT, "confirm_not_duplicate", *(
            () if self.spec.owned else ("name",))})
        fields = self.kind.update_schema.model_fields
        changes = {k: v for k, v in wanted.items() if k in fields and _canon(current.get(k)) != _canon(v)}
        if not changes:
            return "unchanged"
        self.kind.update(self.session, actor, record, self.kind.update_schema.model_validate(changes))
        return "updated"


def _enterprise_ids(data: Any) -> list[int]:
    """The enterprises a row names (its kind checks each): one (`enterprise_id`) or several (`enterprise_ids`)."""
    one = getattr(data, "enterprise_id", None)
    return [*([one] if isinstance(one, int) else []), *(getattr(data, "enterprise_ids", None) or [])]


def _canon(value: Any) -> str:
    """A value as a comparable text: lists in any order, money to two places, enums by their code."""
    if isinstance(value, list):
        return json.dumps(sorted(_canon(v) for v in value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps({k: _canon(v) for k, v in sorted(value.items())}, ensure_ascii=False)
    return "" if value is None else str(value.value if hasattr(value, "value") else value)
