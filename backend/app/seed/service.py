"""Loads Liaocheng's units and (in development) demo users. Safe to run again: it upserts by code."""

from sqlmodel import Session, select

from app.core.models import pk
from app.core.passwords import hash_password
from app.seed import liaocheng as data
from app.units.models import Cluster, LinkKind, Unit, UnitCluster, UnitLink, UnitType
from app.users.models import User


def _upsert_unit(session: Session, code: str, type_: UnitType, name_zh: str, name_en: str, leader: str = "") -> Unit:
    unit = session.exec(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        unit = Unit(code=code, type=type_, name_zh=name_zh, name_en=name_en, leader_name=leader)
        session.add(unit)
        session.flush()
    return unit


def seed_units(session: Session) -> dict[str, Unit]:
    clusters = {}
    for code, zh, en in data.CLUSTERS:
        cluster = session.exec(select(Cluster).where(Cluster.code == code)).first()
        if cluster is None:
            cluster = Cluster(code=code, name_zh=zh, name_en=en)
            session.add(cluster)
            session.flush()
        clusters[code] = cluster
    units: dict[str, Unit] = {}
    units[data.OFFICE[0]] = _upsert_unit(session, *data.OFFICE[:1], UnitType.office, *data.OFFICE[1:])
    for rows, type_ in ((data.COUNTIES, UnitType.county), (data.DEV_ZONES, UnitType.dev_zone),
                        (data.DEPARTMENTS, UnitType.department), (data.CHAMBERS, UnitType.chamber)):
        for code, zh, en in rows:
            units[code] = _upsert_unit(session, code, type_, zh, en)
    for code, zh, leader, leads, cluster_codes in data.GROUPS:
        group = units[code] = _upsert_unit(session, code, UnitType.industry_group, zh, "", leader)
        for dept in leads:
            _ensure_link(session, pk(group), pk(units[dept]), LinkKind.lead_department)
        for cc in cluster_codes:
            if session.get(UnitCluster, (group.id, clusters[cc].id)) is None:
                session.add(UnitCluster(unit_id=pk(group), cluster_id=pk(clusters[cc])))
    session.flush()
    return units


def seed_targets(session: Session) -> None:
    from app.targets.seed import seed_plan

    seed_plan(session)


def _ensure_link(session: Session, unit_id: int, related_id: int, kind: str) -> None:
    exists = session.exec(select(UnitLink.id).where(UnitLink.unit_id == unit_id, UnitLink.related_unit_id == related_id,
                                                    UnitLink.kind == kind)).first()
    if not exists:
        session.add(UnitLink(unit_id=unit_id, related_unit_id=related_id, kind=kind))


def seed_demo_users(session: Session, units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    created = []
    password_hash = hash_password(data.DEMO_PASSWORD)
    for username, display, role, unit_code in data.DEMO_USERS:
        if session.exec(select(User.id).where(User.username == username)).first() is None:
            session.add(User(username=username, display_name=display, role=role, password_hash=password_hash,
                             unit_id=units[unit_code].id if unit_code else None))
        created.append((username, role, units[unit_code].name_zh if unit_code else "—"))
    session.flush()
    return created
