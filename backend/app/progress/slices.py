"""What a rollup slice is: one metric's rows (its unit or its city variant) under one set of counting rules.

A slice row is found by its fingerprint — a hash of the metric's SQL under the rules — so a rules change, or
a code change to a metric, asks for slices that do not exist yet: they are built, never read stale.
"""

import hashlib
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col

from app.core import locks
from app.core.time import utcnow
from app.core.typing import AnySelect
from app.progress.metrics import REGISTRY, Metric
from app.progress.models import ProgressRollupServing, ProgressRollupSlice
from app.targets.rules import Rules, parsed

ALL_TIME = (date(1900, 1, 1), date(9998, 12, 31))


def statement(metric: Metric, rules: Rules, city: bool, start: date = ALL_TIME[0],
              end: date = ALL_TIME[1]) -> AnySelect:
    return metric.rows(rules, start, end, city)


@lru_cache(maxsize=256)
def _fingerprint(metric_key: str, rules_json: str, city: bool, dialect_name: str) -> str:
    from sqlalchemy.dialects import postgresql, sqlite

    dialects = {"postgresql": postgresql.dialect, "sqlite": sqlite.dialect}
    dialect = dialects[dialect_name]()
    compiled = statement(REGISTRY[metric_key], Rules.model_validate_json(rules_json), city).compile(dialect=dialect)
    # IN lists may come from sets, whose order changes between processes; their order means nothing
    params = sorted((k, repr(sorted(v, key=repr) if isinstance(v, list | tuple) else v))
                    for k, v in compiled.params.items())
    return hashlib.sha256(f"{compiled}\n{params}".encode()).hexdigest()


def fingerprint(session: OrmSession, metric: Metric, rules: Rules, city: bool) -> str:
    return _fingerprint(metric.key, rules.model_dump_json(), city, session.get_bind().dialect.name)


def source_city(session: OrmSession, metric: Metric, rules: Rules, city: bool) -> bool:
    """The slice that holds a variant's rows: the city variant shares the unit slice when their SQL is equal."""
    if city and fingerprint(session, metric, rules, True) == fingerprint(session, metric, rules, False):
        return False
    return city


def slices(session: OrmSession, rules: Rules) -> Iterator[tuple[Metric, bool]]:
    for metric in REGISTRY.values():
        yield metric, False
        if source_city(session, metric, rules, True):
            yield metric, True


def for_rules(session: OrmSession, rules: Rules) -> dict[tuple[str, bool], ProgressRollupSlice]:
    """The slice rows, built or not, of the slices these rules need."""
    wanted = {(m.key, c): fingerprint(session, m, rules, c) for m, c in slices(session, rules)}
    rows = session.execute(select(ProgressRollupSlice).where(
        col(ProgressRollupSlice.fingerprint).in_(sorted(set(wanted.values()))))).scalars()
    return {(r.metric, r.city): r for r in rows if wanted.get((r.metric, r.city)) == r.fingerprint}


def missing(session: OrmSession, rules: Rules) -> list[tuple[Metric, bool]]:
    """Slices these rules need that have no row yet; `plan` creates them."""
    have = for_rules(session, rules)
    return [(m, c) for m, c in slices(session, rules) if (m.key, c) not in have]


def plan(session: OrmSession, rules: Rules) -> list[ProgressRollupSlice]:
    """Rows for the slices these rules need that do not exist yet (not begun: built_until NULL)."""
    created = [ProgressRollupSlice(metric=m.key, city=c, fingerprint=fingerprint(session, m, rules, c),
                                   rules=rules.model_dump_json()) for m, c in missing(session, rules)]
    session.add_all(created)
    session.flush()
    return created


def serving(session: OrmSession) -> Rules | None:
    row = session.get(ProgressRollupServing, 1)
    return None if row is None else parsed(row.rules)


def serve(session: OrmSession, rules: Rules) -> None:
    """The dashboards read these rules' slices from now on; slices no other rules need are dropped."""
    session.merge(ProgressRollupServing(id=1, rules=rules.model_dump_json(), switched_at=utcnow()))
    keep = [s.id for s in for_rules(session, rules).values()]
    session.execute(delete(ProgressRollupSlice).where(col(ProgressRollupSlice.id).not_in(keep)))
    session.flush()


def lock_exclusively(session: OrmSession) -> None:
    """A rebuild excludes writers (they hold the lock shared while they add their deltas). Building reads many
    records: the statement timeout that keeps requests short is lifted for this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL statement_timeout = 0"))
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": locks.ROLLUP_REBUILD})


_SHARED = text("SELECT pg_advisory_xact_lock_shared(:k)")


def lock_shared(session: OrmSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(_SHARED, {"k": locks.ROLLUP_REBUILD})
