from typing import Annotated

from pydantic import Field

from app.core.schemas import Id, InputModel, OutputModel, Text50
from app.units.models import LinkKind, UnitType

Code = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]
NameZh = Annotated[str, Field(min_length=1, max_length=100)]
NameEn = Annotated[str, Field(max_length=150)]


class UnitCreate(InputModel):
    code: Code
    type: UnitType
    name_zh: NameZh
    name_en: NameEn = ""
    leader_name: Text50 = ""
    active: bool = True
    cluster_ids: Annotated[list[Id], Field(max_length=20)] = []


class UnitUpdate(InputModel):
    name_zh: NameZh | None = None
    name_en: NameEn | None = None
    leader_name: Text50 | None = None
    active: bool | None = None
    cluster_ids: Annotated[list[Id], Field(max_length=20)] | None = None


class UnitLinkCreate(InputModel):
    related_unit_id: Id
    kind: LinkKind


class ClusterPublic(OutputModel):
    id: int
    code: str
    name_zh: str
    name_en: str


class ClustersPublic(OutputModel):
    data: list[ClusterPublic]


class UnitLinkPublic(OutputModel):
    id: int
    unit_id: int
    related_unit_id: int
    kind: str


class UnitPublic(OutputModel):
    id: int
    code: str
    type: UnitType
    name_zh: str
    name_en: str
    leader_name: str
    active: bool
    cluster_ids: list[int] = []


class UnitDetailPublic(UnitPublic):
    links: list[UnitLinkPublic] = []


class UnitsPublic(OutputModel):
    data: list[UnitPublic]
    count: int


class MemberPublic(OutputModel):
    id: int
    username: str
    display_name: str
    role: str
    active: bool


class MembersPublic(OutputModel):
    data: list[MemberPublic]
