"""What a rollup slice is: one metric's rows (its unit or its city variant) under the current rules.

A slice is used only while its stored fingerprint — a hash of the metric's SQL under the rules — equals
the current one: a rules change, or a code change to a metric, makes the fingerprint differ and the slice
is rebuilt (`rollup.sync`) rather than read stale.
"""

import hashlib
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session as OrmSession

from app.progress.metrics import REGISTRY, Metric
from app.progress.models import ProgressRollupState
from app.targets.rules import Rules

ALL_TIME = (date(1900, 1, 1), date(9998, 12, 31))
REBUILD_LOCK = 7_420_019  # PostgreSQL advisory lock: writers hold it shared, a full rebuild exclusively


def statement(metric: Metric, rules: Rules, city: bool, start: date = ALL_TIME[0], end: date = ALL_TIME[1]) -> Select:
    return metric.rows(rules, start, end, city)


@lru_cache(maxsize=256)
def _fingerprint(metric_key: str, rules_json: str, city: bool, dialect_name: str) -> str:
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = {"postgresql": postgresql.dialect(), "sqlite": sqlite.dialect()}[dialect_name]
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


def built_slices(session: OrmSession) -> dict[tuple[str, bool], str]:
    return {(m, c): fp for m, c, fp in session.execute(
        select(ProgressRollupState.metric, ProgressRollupState.city, ProgressRollupState.fingerprint))}


def lock_exclusively(session: OrmSession) -> None:
    """A rebuild excludes writers (they hold the lock shared while they add their deltas)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": REBUILD_LOCK})


def lock_shared(session: OrmSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": REBUILD_LOCK})
