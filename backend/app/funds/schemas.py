import re
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator, Field

from app.core.schemas import Id, Money, RecordDate, Text1000
from app.records.schemas import ExternalIdIn, ListMeta, VerifiedMeta


def _month(value: Any) -> Any:
    """'2019-05' or any date in May 2019 → 2019-05-01: one report per project per month."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()):
        value = f"{value.strip()}-01"
    return value


def _first_day(value: Any) -> Any:
    return value.replace(day=1) if isinstance(value, date) else value


Period = Annotated[RecordDate, BeforeValidator(_month), AfterValidator(_first_day),
                   Field(description="报送月份，如 2019-05（也可给出该月任一日期）")]
PeriodQuery = Annotated[date | None, BeforeValidator(_month), AfterValidator(_first_day),
                        Query(description="月份（含），如 2019-05")]
Amount = Annotated[Money, Field(gt=0)]


class FundsReportCreate(ExternalIdIn):
    project_id: Id
    period: Period
    amount: Amount = Field(description="本月到位资金（万元）")
    note: Text1000 = ""
    unit_id: Id | None = Field(default=None, description="报送单位；留空为本单位")


class FundsReportUpdate(ExternalIdIn):
    period: Period | None = None
    amount: Amount | None = None
    note: Text1000 | None = None


class FundsReportPublic(VerifiedMeta):
    project_id: int
    project_name: str | None = None
    period: date
    amount: Money
    note: str
    project_total_investment: Money | None = None
    project_funds_reported: Money | None = None


class FundsReportsPublic(ListMeta):
    data: list[FundsReportPublic]
