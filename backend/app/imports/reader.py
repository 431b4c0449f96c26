"""Reads an uploaded sheet row by row into what the kind's create schema takes, checking each row as the API
would: each cell by its column's reader (a code by its label, a unit or an enterprise by name), then the row
through the create schema and the kind's own cheap checks. Findings are per cell, in Chinese."""

import hashlib
import io
import json
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.roles import Role
from app.core.errors import AppError
from app.core.validation_messages import translate_errors
from app.enterprises.identity import normalize_name
from app.enterprises.models import Enterprise
from app.imports import parsing, safety
from app.imports.columns import EXTERNAL_ID, HEADERS, UNIT, Column, Spec
from app.imports.models import ImportLedger
from app.projects.models import Project
from app.units.models import Cluster, Unit

CellError = parsing.CellError


@dataclass
class Finding:
    row: int
    column: str | None  # the header, as the sheet spells it
    index: int | None  # the column's position (1-based), for the marked copy
    message: str

    @property
    def text(self) -> str:
        where = f"「{self.column}」" if self.column else ""
        return f"第 {self.row} 行{where}：{self.message}"


@dataclass
class Row:
    number: int
    unit_id: int | None
    key: str | None
    data: BaseModel | None
    digest: str = ""  # the row's values (and unit), hashed
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Sheet:
    """The header's reading: which column is which, and what was not recognised."""

    columns: dict[int, Column]
    unknown: list[str]
    missing: list[Column]


def _norm_header(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).strip().rstrip("*").strip()
    return "".join(text.split())


def _match(columns: list[Column]) -> dict[str, Column]:
    names: dict[str, Column] = {}
    for column in columns:
        for alias in (column.header, column.header.removesuffix("（万元）"), column.key, HEADERS.get(column.key, "")):
            names.setdefault(_norm_header(alias), column)
    return names


class Lookup:
    """Names → ids, cached for the run: units, clusters, enterprises (USCC or normalised name), projects."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.units: dict[str, int] = {}
        for unit in session.exec(select(Unit)):
            for name in (unit.name_zh, unit.code):
                self.units.setdefault(parsing.norm(name), int(unit.id or 0))
        self.clusters = {parsing.norm(n): int(i or 0) for c in session.exec(select(Cluster))
                         for n, i in ((c.name_zh, c.id), (c.code, c.id))}
        self.enterprises: dict[str, int | str] = {}

    def unit(self, value: Any) -> int:
        found = self.units.get(parsing.norm(value))
        if found is None:
            raise CellError("单位不存在（请从下拉列表选择）")
        return found

    def cluster(self, value: Any) -> int:
        found = self.clusters.get(parsing.norm(value))
        if found is None:
            raise CellError("产业集群不存在（请从下拉列表选择）")
        return found

    def enterprise(self, value: Any) -> int:
        key = parsing.norm(value)
        if key not in self.enterprises:
            self.enterprises[key] = self._enterprise(key)
        found = self.enterprises[key]
        if isinstance(found, str):
            raise CellError(found)
        return found

    def _enterprise(self, key: str) -> int | str:
        stmt = select(Enterprise.id, Enterprise.merged_into_id)
        if len(key) == 18 and key.isalnum():
            stmt = stmt.where(Enterprise.uscc == key.upper())
        else:
            stmt = stmt.where(Enterprise.name_norm == normalize_name(key)).order_by(col(Enterprise.name_seq))
        hits: list[Any] = list(self.session.exec(stmt.limit(2)))
        if len(hits) > 1:
            return "企业库中有同名企业，请改填统一社会信用代码"
        if not hits:
            return f"企业库中没有“{key}”，请先导入或新建该企业"
        return int(hits[0][1] or hits[0][0])  # a merged enterprise's records go to the one it was merged into

    def project(self, value: Any, unit_id: int | None) -> int:
        name = parsing.text(value)
        if unit_id is None:
            raise CellError("请先填写单位")
        by_key = self.session.exec(select(ImportLedger.record_id).where(
            ImportLedger.kind == "projects", ImportLedger.unit_id == unit_id,
            ImportLedger.row_key == f"ext:{name}")).first()
        if by_key is not None:
            return by_key
        hits = list(self.session.exec(select(Project.id).where(Project.unit_id == unit_id, Project.name == name)
                                      .limit(2)))
        if len(hits) > 1:
            raise CellError("本单位有同名项目，请改填项目导入时的外部编号")
        if not hits:
            raise CellError("本单位没有该项目（填写项目名称或其外部编号）")
        return int(hits[0] or 0)


PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": parsing.text, "external": parsing.text, "date": parsing.to_date, "month": parsing.to_month,
    "money": parsing.to_decimal, "int": parsing.to_int, "bool": parsing.to_bool, "names": parsing.split_list,
}


def _read(column: Column, value: Any, lookup: Lookup, unit_id: int | None) -> Any:
    """A cell's value as the create schema takes it (a name turned into an id)."""
    if column.reader in PARSERS:
        return PARSERS[column.reader](value)
    if column.reader == "enum":
        return parsing.to_code(value, column.labels or {})
    if column.reader in ("unit", "cluster", "enterprise"):
        return getattr(lookup, column.reader)(value)
    if column.reader == "enterprises":
        return [lookup.enterprise(v) for v in parsing.split_list(value)]
    if column.reader == "credits":
        return [{"unit_id": lookup.unit(name), "share": share} for name, share in parsing.split_shares(value)]
    assert column.reader == "project", column.reader
    return lookup.project(value, unit_id)


class Reader:
    """One pass over a workbook's first sheet for one import."""

    def __init__(self, session: Session, spec: Spec, principal: Principal, default_unit: int | None) -> None:
        self.session, self.spec, self.principal, self.default_unit = session, spec, principal, default_unit
        self.schema: type[BaseModel] = spec.record_kind.create_schema
        self.lookup = Lookup(session)
        self.all_columns = spec.columns()
        self.examples = {c.key: parsing.norm(c.example) for c in self.all_columns}

    def rows(self, content: bytes) -> tuple[Sheet, int, Iterator[Row]]:
        """The header's reading, the data rows the sheet declares (at most), and the rows read one at a time."""
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)  # formulas: cached values only
        sheet = book.worksheets[0]
        declared = max((sheet.max_row or 1) - 1, 0)
        sheet.reset_dimensions()  # read every row there is, not only those the sheet's (editable) dimension claims
        values = sheet.iter_rows(values_only=True)
        header = next(values, ())
        names = _match(self.all_columns)
        columns: dict[int, Column] = {}
        unknown = []
        for index, raw in enumerate(header, start=1):
            found = names.get(_norm_header(raw))
            if found is not None and found not in columns.values():
                columns[index] = found
            elif not parsing.is_blank(raw):
                unknown.append(parsing.norm(raw))
        missing = [c for c in self.all_columns if c.required and c not in columns.values()]
        return Sheet(columns, unknown, missing), declared, self._rows(Sheet(columns, unknown, missing), values, book)

    def _rows(self, sheet: Sheet, values: Iterator[tuple[Any, ...]], book: Any) -> Iterator[Row]:
        try:
            count = 0
            for number, cells in enumerate(values, start=2):
                cells_by_col = {i: cells[i - 1] for i in sheet.columns if i - 1 < len(cells)}
                if all(parsing.is_blank(v) for v in cells) or self._is_example(number, sheet, cells_by_col):
                    continue
                count += 1
                safety.check_rows(count)
                yield self.row(number, sheet, cells_by_col)
        finally:
            book.close()

    def where(self, sheet: Sheet) -> dict[str, tuple[int | None, str]]:
        """field → (column position in this sheet, or None when it has no such column; header)."""
        return {**{c.key: (None, c.header) for c in self.all_columns},
                **{c.key: (i, c.header) for i, c in sheet.columns.items()}}

    def _is_example(self, number: int, sheet: Sheet, cells: dict[int, Any]) -> bool:
        """The template's example row, left in place: row 2, every column of the example there and unchanged."""
        if number != 2:
            return False
        at = {c.key: i for i, c in sheet.columns.items()}
        same = all(parsing.norm(cells.get(i)) == self.examples[c.key] for i, c in sheet.columns.items())
        return same and all(key in at for key, text in self.examples.items() if text)

    def _unit(self, row: Row, sheet: Sheet, cells: dict[int, Any]) -> int | None:
        own = self.principal.unit_id if self.principal.role != Role.office else (self.default_unit or
                                                                                  self.principal.unit_id)
        index = next((i for i, c in sheet.columns.items() if c.key == UNIT), None)
        if index is None or parsing.is_blank(cells.get(index)):
            return own
        try:
            named = self.lookup.unit(cells[index])
        except CellError as exc:
            row.findings.append(Finding(row.number, sheet.columns[index].header, index, str(exc)))
            return None
        if self.principal.role != Role.office and named != own:
            row.findings.append(Finding(row.number, sheet.columns[index].header, index, "只能导入本单位的记录"))
            return None
        return named

    def row(self, number: int, sheet: Sheet, cells: dict[int, Any]) -> Row:
        row = Row(number, None, None, None)
        if self.spec.owned:
            row.unit_id = self._unit(row, sheet, cells)
        payload: dict[str, Any] = {}
        where = self.where(sheet)
        for index, column in sheet.columns.items():
            value = cells.get(index)
            if column.key == UNIT or parsing.is_blank(value):
                continue
            try:
                payload[column.key] = _read(column, value, self.lookup, row.unit_id)
            except CellError as exc:
                row.findings.append(Finding(number, column.header, index, str(exc)))
        for column in sheet.missing:
            row.findings.append(Finding(number, column.header, None, "必填（表中缺少此列）"))
        for index, column in sheet.columns.items():
            if column.required and column.key not in payload and not any(f.index == index for f in row.findings):
                row.findings.append(Finding(number, column.header, index, "必填"))
        external = payload.pop(EXTERNAL_ID, None)
        if external and len(external) > 100:
            row.findings.append(Finding(number, HEADERS[EXTERNAL_ID], where[EXTERNAL_ID][0], "不能超过 100 个字符"))
        seen = {f.column for f in row.findings}
        try:  # even with bad cells: the schema may find more in the others (a bad cell's own error is not repeated)
            data = self.schema.model_validate(payload)
            if not row.findings and self.spec.precheck is not None:
                self.spec.precheck(self.session, data.model_dump())
        except ValidationError as exc:
            errors = translate_errors([dict(e) for e in exc.errors(include_url=False)])
            row.findings.extend(f for f in to_findings(number, where, errors) if f.column not in seen or not f.column)
            return row
        except AppError as exc:
            self._findings(row, where, exc.errors or [{"field": "", "message": exc.detail}])
            return row
        if row.findings:
            return row
        row.data = data
        row.digest = hashlib.sha256(json.dumps([row.unit_id, data.model_dump(mode="json")], sort_keys=True,
                                               ensure_ascii=False).encode()).hexdigest()
        row.key = f"ext:{external}" if external else f"h:{row.digest}"
        return row

    def _findings(self, row: Row, where: dict[str, tuple[int | None, str]], errors: list[dict[str, Any]]) -> None:
        row.findings.extend(to_findings(row.number, where, errors))


Where = dict[str, tuple[int | None, str]]  # field → (its column in the sheet, or None; its header)


def dump_checked(where: Where, rows: list[Row]) -> bytes:
    """The dry run's valid rows as JSON, so the commit writes exactly what was checked without reading the
    workbook again (only the fields the sheet gave: an update changes nothing it left out)."""
    return zlib.compress(json.dumps({"where": where, "rows": [
        [r.number, r.unit_id, r.key, r.digest, r.data.model_dump(mode="json", exclude_unset=True)]
        for r in rows if r.data is not None]}, ensure_ascii=False).encode(), 1)


def load_checked(content: bytes, schema: type[BaseModel]) -> tuple[Where, list[Row]]:
    stored = json.loads(zlib.decompress(content))
    where = {key: (index, header) for key, (index, header) in stored["where"].items()}
    return where, [Row(number, unit_id, key, schema.model_validate(data), digest)
                   for number, unit_id, key, digest, data in stored["rows"]]


def to_findings(number: int, where: dict[str, tuple[int | None, str]], errors: list[dict[str, Any]]) -> list[Finding]:
    """Errors by field (pydantic's, translated, or a service's `errors[]`) as findings of the row's cells."""
    out = []
    for error in errors:
        key = str(error.get("field", "")).split(".")[0]
        index, header = where.get(key, (None, None))
        out.append(Finding(number, header, index, str(error.get("message", ""))))
    return out
