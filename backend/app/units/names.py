"""Unit and cluster names for exports: ids become the names a clerk reads."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.units.models import Cluster, Unit


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
