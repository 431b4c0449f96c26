"""The columns of each kind's sheet, derived once from the kind's create schema and the labels catalogue: a
field's type says how its cell is read (an enum → its labels, a date, money in 万元, yes/no, a unit or an
enterprise by name); the per-kind configuration only says which fields, in what order, with what example."""

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from app.core.labels import CATALOGUE
from app.imports.models import ImportKind
from app.kinds import KINDS
from app.projects import rules as project_rules
from app.records.kind import RecordKind

EXTERNAL_ID = "external_id"
UNIT = "unit_id"

# The Chinese header of each field, shared by every kind that has it.
HEADERS: dict[str, str] = {
    EXTERNAL_ID: "外部编号", UNIT: "单位", "name": "名称", "uscc": "统一社会信用代码", "former_names": "曾用名",
    "uscc_override_reason": "信用代码校验说明", "country": "国家", "province": "省份", "city": "城市",
    "industry": "行业", "is_fortune500": "世界500强", "is_china500": "中国500强", "china500_list": "中国500强榜单",
    "china500_year": "中国500强年份", "is_central_soe": "央企", "is_champion": "行业（隐形）冠军",
    "is_unicorn": "独角兽", "is_industry_leader": "行业龙头", "is_listed": "上市公司",
    "is_internet_plus": "“互联网+”科技企业", "is_association": "行业协会/商会",
    "enterprise_id": "企业", "enterprise_ids": "企业", "source": "线索来源", "received_on": "获取日期",
    "assigned_unit_id": "分派单位", "cluster_id": "产业集群", "intended_industry": "意向行业",
    "intended_amount": "意向投资额", "contact_name": "联系人", "contact_phone": "联系电话", "description": "说明",
    "visit_date": "走访日期", "region": "地区", "place": "地点", "leader_level": "带队领导级别",
    "leader_name": "带队领导", "participants": "参加人员", "outcome": "成果", "next_step": "下一步工作",
    "kind": "活动类型", "title": "活动名称", "event_date": "活动日期", "four_new": "四新",
    "advanced_class": "先进制造业类别",
    "total_investment": "总投资", "outside_province_investment": "省外资金", "foreign_investment": "外资",
    "landing_unit_id": "落地单位", "credits": "贡献份额", "stage": "阶段", "negotiating_on": "在谈日期",
    "signed_on": "签约日期", "started_on": "开工日期", "in_production_on": "投产日期", "dropped_on": "终止日期",
    "drop_reason": "终止原因", "project_id": "项目", "period": "报送月份", "amount": "到位资金", "note": "备注",
}
# Fields that name another record, and how the cell names it.
REFERENCES = {UNIT: "unit", "assigned_unit_id": "unit", "landing_unit_id": "unit", "cluster_id": "cluster",
              "enterprise_id": "enterprise", "enterprise_ids": "enterprises", "credits": "credits",
              "project_id": "project", "former_names": "names"}
NOTES = {
    "text": "文本", "date": "日期，如 2019-05-01（也可写 2019/5/1、2019.5.1、2019年5月1日）",
    "month": "月份，如 2019-05", "money": "金额，单位万元，最多两位小数；可带千分位或“万元”", "int": "整数",
    "bool": "填“是”或“否”（留空为否）", "enum": "从下拉列表选择（也可填代码，见“代码”表）",
    "unit": "单位名称，从下拉列表选择", "cluster": "产业集群名称，从下拉列表选择",
    "enterprise": "企业名称或统一社会信用代码（须已在企业库中）",
    "enterprises": "企业名称或统一社会信用代码，多个以“、”分隔（须已在企业库中）",
    "credits": ("招引贡献份额：单位名称 百分比，多个以“；”分隔，合计 100%，如：东昌府区 60%；聊城高新区 40%；"
                "留空为本单位 100%"),
    "project": "项目名称（本单位的项目），或该项目导入时的外部编号", "names": "多个以“、”分隔",
    "external": "选填：您系统中的编号。再次导入同一编号时更新原记录而不是新建",
}


@dataclass(frozen=True)
class Column:
    key: str  # the create schema's field, or external_id
    header: str
    reader: str  # text / date / month / money / int / bool / enum / unit / cluster / enterprise(s) / credits / …
    required: bool
    note: str
    labels: Mapping[str, str] | None = None  # code → zh label, for an enum
    example: Any = None


@dataclass(frozen=True)
class Spec:
    """One kind's sheet: the fields in order, a few renamed headers, the example row and a kind-specific check."""

    kind: ImportKind
    fields: tuple[str, ...]
    example: Mapping[str, Any]
    headers: Mapping[str, str] = field(default_factory=dict)
    readers: Mapping[str, str] = field(default_factory=dict)  # a field read otherwise than its type says
    precheck: Callable[[Session, dict[str, Any]], None] | None = None
    owned: bool = True  # unit-owned (a 单位 column, a ledger); enterprises are the shared library

    @property
    def record_kind(self) -> RecordKind[Any, Any, Any, Any, Any]:
        return next(k for k in KINDS if k.path.rsplit("/", 1)[-1] == self.kind.value)

    @property
    def title(self) -> str:
        return CATALOGUE["importKind"][self.kind.value][0]

    def columns(self) -> list[Column]:
        schema: type[BaseModel] = self.record_kind.create_schema
        out = []
        if self.owned:
            out.append(Column(EXTERNAL_ID, HEADERS[EXTERNAL_ID], "external", False, NOTES["external"],
                              example=self.example.get(EXTERNAL_ID)))
        for name in self.fields:
            info = schema.model_fields[name]
            reader, labels = _reader(name, info.annotation)
            reader = self.readers.get(name, reader)
            header = self.headers.get(name, HEADERS[name]) + ("（万元）" if reader == "money" else "")
            required = info.is_required() and name != UNIT
            note = ("必填。" if required else "选填。") + (info.description + "。" if info.description and reader not in
                                                       ("credits", "unit") else "") + NOTES[reader]
            out.append(Column(name, header, reader, required, note, labels, self.example.get(name)))
        return out


def _reader(name: str, annotation: Any) -> tuple[str, Mapping[str, str] | None]:
    if name in REFERENCES:
        return REFERENCES[name], None
    base = _base(annotation)
    if isinstance(base, type) and issubclass(base, Enum):
        values = {m.value for m in base}
        catalogue = next(k for k, v in CATALOGUE.items() if set(v) == values)
        return "enum", {code: zh for code, (zh, _) in CATALOGUE[catalogue].items()}
    if base is bool:
        return "bool", None
    if base is date:
        return "date", None
    if base is Decimal:
        return "money", None
    if base is int:
        return "int", None
    return "text", None


def _base(annotation: Any) -> Any:
    """The type under Optional / Annotated."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _project_credits(session: Session, payload: dict[str, Any]) -> None:
    if payload.get("credits"):
        project_rules.check_credits(session, payload["credits"])


SPECS: dict[ImportKind, Spec] = {spec.kind: spec for spec in (
    Spec(ImportKind.enterprises, owned=False, headers={"name": "企业名称"}, fields=(
        "name", "uscc", "former_names", "industry", "country", "province", "city", "is_fortune500", "is_china500",
        "china500_list", "china500_year", "is_central_soe", "is_champion", "is_unicorn", "is_industry_leader",
        "is_listed", "is_internet_plus", "is_association", "uscc_override_reason"),
        example={"name": "山东示例新材料有限公司", "uscc": "91371500MA3C00000F", "industry": "新材料",
                 "country": "中国", "province": "山东省", "city": "济南市", "is_listed": "是"}),
    Spec(ImportKind.leads, fields=(
        "enterprise_id", "source", "received_on", "assigned_unit_id", "cluster_id", "intended_industry",
        "intended_amount", "contact_name", "contact_phone", "description", UNIT),
        example={EXTERNAL_ID: "XS-2019-001", "enterprise_id": "山东示例新材料有限公司", "source": "商会",
                 "received_on": "2019-05-01", "intended_industry": "新材料", "intended_amount": "5,000",
                 "contact_name": "张三", "contact_phone": "0635-8888888"}),
    Spec(ImportKind.visits, fields=(
        "enterprise_id", "visit_date", "region", "place", "leader_level", "leader_name", "participants", "outcome",
        "next_step", UNIT),
        example={EXTERNAL_ID: "ZF-2019-001", "enterprise_id": "山东示例新材料有限公司", "visit_date": "2019-05-01",
                 "region": "长三角", "place": "上海", "leader_level": "市级领导", "leader_name": "李四",
                 "outcome": "达成初步投资意向"}),
    Spec(ImportKind.events, fields=("kind", "title", "event_date", "region", "place", "description",
                                    "enterprise_ids", UNIT),
         example={EXTERNAL_ID: "HD-2019-001", "kind": "产业专题推介活动", "title": "新材料产业推介会",
                  "event_date": "2019-05-01", "region": "京津冀", "place": "北京",
                  "enterprise_ids": "山东示例新材料有限公司"}),
    Spec(ImportKind.projects, headers={"name": "项目名称"}, precheck=_project_credits, fields=(
        "name", "enterprise_ids", "total_investment", "outside_province_investment", "foreign_investment",
        "cluster_id", "four_new", "advanced_class", "landing_unit_id", "stage", "negotiating_on", "signed_on",
        "started_on", "in_production_on", "dropped_on", "drop_reason", "credits", UNIT),
        example={EXTERNAL_ID: "XM-2019-001", "name": "年产 10 万吨新材料项目",
                 "enterprise_ids": "山东示例新材料有限公司", "total_investment": "120,000",
                 "outside_province_investment": "80000", "stage": "签约",
                 "negotiating_on": "2019-03-01", "signed_on": "2019-05-01"}),
    Spec(ImportKind.funds_reports, readers={"period": "month"}, fields=("project_id", "period", "amount", "note", UNIT),
         example={EXTERNAL_ID: "ZJ-2019-05-001", "project_id": "年产 10 万吨新材料项目", "period": "2019-05",
                  "amount": "3,000"}),
)}
