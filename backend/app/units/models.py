"""Units (单位) and the industry clusters they work on. All of it is data, editable by an admin."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.models import Audited, created_at_field


class UnitType(StrEnum):
    office = "office"
    industry_group = "industry_group"
    county = "county"
    dev_zone = "dev_zone"
    department = "department"
    chamber = "chamber"


TERRITORIAL_TYPES = frozenset({UnitType.county, UnitType.dev_zone})
TERRITORIAL = "territorial"  # a target's unit type meaning counties and development zones together


def unit_types_of(unit_type: str | None) -> set[str]:
    """The unit types a target's `unit_type` names ("territorial" is counties and zones)."""
    return set(TERRITORIAL_TYPES) if unit_type == TERRITORIAL else {unit_type} if unit_type else set()


class LinkKind(StrEnum):
    """How two units relate: a group is led by departments and counts counties/enterprises as members."""

    lead_department = "lead_department"
    member = "member"


class Unit(Audited, SQLModel, table=True):
    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, index=True)
    type: str = Field(max_length=20, index=True)
    name_zh: str = Field(max_length=100)
    name_en: str = Field(default="", max_length=150)
    leader_name: str = Field(default="", max_length=50, description="负责的市级领导 (groups)")
    active: bool = Field(default=True)
    created_at: datetime = created_at_field()


class Cluster(Audited, SQLModel, table=True):
    """One of the nine industry clusters of the city's plan."""

    __tablename__ = "cluster"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name_zh: str = Field(max_length=50)
    name_en: str = Field(default="", max_length=100)


class UnitLink(Audited, SQLModel, table=True):
    __tablename__ = "unit_link"
    __table_args__ = (UniqueConstraint("unit_id", "related_unit_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True, ondelete="CASCADE")
    related_unit_id: int = Field(foreign_key="unit.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)


class UnitCluster(Audited, SQLModel, table=True):
    __tablename__ = "unit_cluster"

    unit_id: int = Field(foreign_key="unit.id", primary_key=True, ondelete="CASCADE")
    cluster_id: int = Field(foreign_key="cluster.id", primary_key=True, ondelete="CASCADE")
