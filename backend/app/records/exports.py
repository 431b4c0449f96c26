"""What the record exports share: names for ids, Chinese labels for codes, the owner and review columns.

The labels are the SPA's (frontend/src/i18n/modules/enums.ts), so a clerk sees the same words in the
workbook as on the screen.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from fastapi.responses import StreamingResponse
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.core.xlsx import Column, Rows, export
from app.records.models import Region
from app.records.service import STATUS_ZH
from app.units.models import Cluster, Unit

REGION_ZH = {Region.jingjinji: "京津冀", Region.yangtze_delta: "长三角", Region.pearl_delta: "珠三角",
             Region.other: "其他地区"}
TEXT = 40  # width of a free-text column
SEP = "、"
T = TypeVar("T")


def label(labels: Mapping[Any, str], code: Any) -> str:
    """The Chinese label of a code; an unknown code is shown as it is, a missing one as empty."""
    if code is None:
        return ""
    if isinstance(code, Enum):
        code = code.value
    return labels.get(code, str(code))


@dataclass(frozen=True, slots=True)
class Names:
    """Unit and cluster names, loaded once per export (both tables are small)."""

    units: dict[int | None, str]
    clusters: dict[int | None, str]

    @classmethod
    def load(cls, session: Session) -> "Names":
        return cls(units=dict(session.exec(select(col(Unit.id), col(Unit.name_zh))).all()),
                   clusters=dict(session.exec(select(col(Cluster.id), col(Cluster.name_zh))).all()))

    def unit(self, unit_id: int | None) -> str:
        return "" if unit_id is None else self.units.get(unit_id, f"#{unit_id}")

    def cluster(self, cluster_id: int | None) -> str:
        return "" if cluster_id is None else self.clusters.get(cluster_id, f"#{cluster_id}")


def id_column(header: str = "编号") -> Column[Any]:
    return Column(header, lambda r: r.id, 8)


def enterprise_name(row: Any) -> str:
    return row.enterprise.name if row.enterprise else ""


def enterprise_uscc(row: Any) -> str:
    return (row.enterprise.uscc or "") if row.enterprise else ""


def joined(values: Any, fmt: Callable[[Any], str] = str) -> str:
    return SEP.join(fmt(v) for v in values)


def review_columns(names: Names, owner: str = "录入单位") -> list[Column[Any]]:
    """Owner unit and the verification state of a VerifiedRecord (visits, events, projects, funds)."""
    return [
        Column(owner, lambda r: names.unit(r.unit_id)),
        Column("状态", lambda r: label(STATUS_ZH, r.status), 8),
        Column("录入人", lambda r: r.created_by),
        Column("报送时间", lambda r: r.submitted_at, 17),
        Column("核实时间", lambda r: r.verified_at, 17),
        Column("核实人", lambda r: r.verified_by or ""),
        Column("退回原因", lambda r: r.return_reason or "", TEXT),
        *timestamp_columns(),
    ]


def timestamp_columns() -> list[Column[Any]]:
    return [Column("创建时间", lambda r: r.created_at, 17), Column("更新时间", lambda r: r.updated_at, 17)]


@dataclass(frozen=True, slots=True)
class ExportSheet(Generic[T]):
    """A kind's list as a workbook: its title (also the file name), an ASCII fallback name, the columns."""

    title: str  # 走访记录
    ascii_name: str  # visits
    columns: Callable[[Names], list[Column[T]]]

    def workbook(self, session: Session, principal: Principal, rows: Rows[T]) -> StreamingResponse:
        return export(rows, title=self.title, ascii_name=self.ascii_name, columns=self.columns(Names.load(session)),
                      exported_by=principal.name, session=session)


def enterprise_record_head(date_header: str, date_of: Callable[[Any], Any]) -> list[Column[Any]]:
    """How the sheet of a record about one enterprise (a visit, a lead) starts: its number, its date, the
    enterprise's name and code."""
    return [id_column(), Column(date_header, date_of, 11), Column("企业名称", enterprise_name, 30),
            Column("统一社会信用代码", enterprise_uscc, 20)]
