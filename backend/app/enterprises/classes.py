"""Enterprise classes (世界500强, 央企, …) as filterable names mapped to their flag columns."""

from enum import StrEnum

from sqlalchemy.orm import Mapped
from sqlmodel import col

from app.core.errors import Unprocessable
from app.enterprises.models import Enterprise


class EnterpriseClass(StrEnum):
    fortune500 = "fortune500"  # 世界500强
    china500 = "china500"  # 中国500强
    central_soe = "central_soe"  # 央企
    champion = "champion"  # 行业(隐形)冠军
    unicorn = "unicorn"  # 独角兽
    industry_leader = "industry_leader"  # 行业龙头
    listed = "listed"  # 上市公司
    internet_plus = "internet_plus"  # 互联网+ 科技型企业
    association = "association"  # 行业协会/商会


CLASS_COLUMNS: dict[str, Mapped[bool]] = {
    EnterpriseClass.fortune500: col(Enterprise.is_fortune500),
    EnterpriseClass.china500: col(Enterprise.is_china500),
    EnterpriseClass.central_soe: col(Enterprise.is_central_soe),
    EnterpriseClass.champion: col(Enterprise.is_champion),
    EnterpriseClass.unicorn: col(Enterprise.is_unicorn),
    EnterpriseClass.industry_leader: col(Enterprise.is_industry_leader),
    EnterpriseClass.listed: col(Enterprise.is_listed),
    EnterpriseClass.internet_plus: col(Enterprise.is_internet_plus),
    EnterpriseClass.association: col(Enterprise.is_association),
}


def class_column(name: str) -> Mapped[bool]:
    if name not in CLASS_COLUMNS:
        raise Unprocessable(f"未知企业类别 {name}")
    return CLASS_COLUMNS[name]


# The class fields the plan's figures read (世界500强, 央企, 中国500强 and its list, 行业冠军, 协会/商会). A unit's
# change to them on an enterprise that verified records rely on is a proposal the office verifies: until then
# every figure keeps the verified classes. tests/enterprises checks this against the metrics' own reads.
COUNTED_FIELDS = ("is_fortune500", "is_china500", "china500_list", "is_central_soe", "is_champion", "is_association")
