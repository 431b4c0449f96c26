"""Units are reference data: everyone signed in may read them; only an admin changes them."""

from collections import defaultdict

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.authz.scoping import UnitScope
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.models import pk
from app.units.models import Cluster, Unit, UnitCluster, UnitLink
from app.units.schemas import UnitCreate, UnitDetailPublic, UnitLinkCreate, UnitPublic, UnitUpdate
from app.users.models import User


def _cluster_ids(session: Session, unit_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    if unit_ids:
        rows = session.exec(select(UnitCluster).where(col(UnitCluster.unit_id).in_(unit_ids)))
        for row in rows:
            out[row.unit_id].append(row.cluster_id)
    return out


def to_public(session: Session, units: list[Unit]) -> list[UnitPublic]:
    clusters = _cluster_ids(session, [u.id for u in units if u.id])
    return [UnitPublic.model_validate(u).model_copy(update={"cluster_ids": sorted(clusters[pk(u)])}) for u in units]


def list_units(session: Session, *, type_: str | None, active: bool | None, q: str | None) -> list[Unit]:
    stmt = select(Unit).order_by(Unit.type, Unit.code)
    if type_:
        stmt = stmt.where(Unit.type == type_)
    if active is not None:
        stmt = stmt.where(Unit.active == active)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(col(Unit.name_zh).like(like), col(Unit.code).like(like), col(Unit.name_en).like(like)))
    return list(session.exec(stmt))


def get_unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("单位不存在")
    return unit


def unit_detail(session: Session, unit: Unit) -> UnitDetailPublic:
    links = session.exec(select(UnitLink).where(or_(col(UnitLink.unit_id) == unit.id,
                                                    col(UnitLink.related_unit_id) == unit.id))
                         .order_by(col(UnitLink.id)))
    base = to_public(session, [unit])[0]
    return UnitDetailPublic(**base.model_dump(), links=list(links))


def _set_clusters(session: Session, unit: Unit, cluster_ids: list[int]) -> None:
    wanted = set(cluster_ids)
    if wanted:
        found = set(session.exec(select(Cluster.id).where(col(Cluster.id).in_(wanted))))
        if missing := wanted - found:
            raise Unprocessable(f"产业集群不存在：{sorted(missing)}")
    current = {row.cluster_id: row for row in session.exec(select(UnitCluster).where(UnitCluster.unit_id == unit.id))}
    for cid in set(current) - wanted:
        session.delete(current[cid])
    for cid in wanted - set(current):
        session.add(UnitCluster(unit_id=pk(unit), cluster_id=cid))


def create_unit(session: Session, data: UnitCreate) -> Unit:
    if session.exec(select(Unit.id).where(Unit.code == data.code)).first():
        raise Conflict(f"单位编码 {data.code} 已存在")
    unit = Unit(**data.model_dump(exclude={"cluster_ids"}))
    session.add(unit)
    session.flush()
    _set_clusters(session, unit, data.cluster_ids)
    session.flush()
    return unit


def update_unit(session: Session, unit: Unit, data: UnitUpdate) -> Unit:
    changes = data.model_dump(exclude_unset=True, exclude={"cluster_ids"})
    for key, value in changes.items():
        if value is None:
            raise Unprocessable(f"{key} 不能为空")
        setattr(unit, key, value)
    session.add(unit)
    if data.cluster_ids is not None:
        _set_clusters(session, unit, data.cluster_ids)
    session.flush()
    return unit


def add_link(session: Session, unit: Unit, data: UnitLinkCreate) -> UnitLink:
    if data.related_unit_id == unit.id:
        raise Unprocessable("单位不能关联自身")
    get_unit(session, data.related_unit_id)
    exists = session.exec(select(UnitLink.id).where(UnitLink.unit_id == unit.id,
                                                    UnitLink.related_unit_id == data.related_unit_id,
                                                    UnitLink.kind == data.kind)).first()
    if exists:
        raise Conflict("该关联已存在")
    link = UnitLink(unit_id=pk(unit), related_unit_id=data.related_unit_id, kind=data.kind)
    session.add(link)
    session.flush()
    return link


def delete_link(session: Session, unit: Unit, link_id: int) -> None:
    link = session.get(UnitLink, link_id)
    if link is None or link.unit_id != unit.id:
        raise NotFound("关联不存在")
    session.delete(link)
    session.flush()


def list_members(session: Session, unit_id: int, scope: UnitScope) -> list[User]:
    """Colleagues of a unit; a unit outside the caller's scope is reported as not found."""
    if unit_id not in scope:
        raise NotFound("单位不存在")
    get_unit(session, unit_id)
    return list(session.exec(select(User).where(col(User.unit_id) == unit_id, scope.clause(col(User.unit_id)))
                             .order_by(User.username)))


def list_clusters(session: Session) -> list[Cluster]:
    return list(session.exec(select(Cluster).order_by(col(Cluster.id))))
