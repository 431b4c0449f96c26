"""A counting-rule change builds the new figures in the background: until they are complete the dashboard keeps
the figures under the rules in force before and says so; writers are never held up for a whole rebuild, and
what they write meanwhile is counted under both rules."""

import random
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from alembic import command
from sqlalchemy import Engine, select
from sqlmodel import Session

from app.core import jobs
from app.core.db import make_engine
from app.enterprises.models import Enterprise
from app.progress import rollup
from app.progress.jobs import rebuild_rollups
from app.progress.models import ProgressRollupServing, ProgressRollupSlice
from app.progress.slices import for_rules
from app.seed.service import seed_units
from app.targets import rules as rules_mod
from app.targets.rules import Rules
from app.units.models import Unit
from app.visits.models import Visit
from tests.conftest import _fresh_database, alembic_config
from tests.progress.conftest import figure


def test_figures_keep_the_old_rules_until_the_new_ones_are_built(world, progress, client, token_for, monkeypatch):
    world.visit("371502", date(2019, 5, 1))
    world.visit("GRP-01", date(2019, 5, 2))
    world.done()
    assert figure(progress(2019), "T01")["actual"] == "2.00"
    queued: list[object] = []
    monkeypatch.setattr("app.progress.target_routes.rebuild_rollups", lambda: queued.append("rebuild"))
    rules = Rules(city_visits_include_territorial=False).model_dump(mode="json")
    saved = client.post("/api/v1/rules", headers=token_for("office"), json={"rules": rules, "reason": "测试"})
    assert saved.status_code == 201
    assert queued == ["rebuild"]  # enqueued once the change committed, not run in the request
    body = progress(2019)
    assert body["rules_pending"] is True
    assert figure(body, "T01")["actual"] == "2.00"  # the rules in force before: every visit counts
    assert body["rule_version_id"] != saved.json()["id"]
    closing = client.post("/api/v1/quarters", headers=token_for("office"), json={"year": 2019, "quarter": 1})
    assert closing.status_code == 409 and closing.json()["type"] == "/problems/rules-rebuilding"
    world.visit("DEPT-JXW", date(2019, 5, 3))  # written while the new figures are being built
    world.done()
    with jobs.running_on(world.db.get_bind()):
        rebuild_rollups()  # what the worker does (immediate in tests)
    body = progress(2019)
    assert body["rules_pending"] is False and body["rule_version_id"] == saved.json()["id"]
    assert figure(body, "T01")["actual"] == "2.00"  # the group's and the department's, not the county's
    assert rollup.check(world.db) == []


def test_a_change_that_counts_nothing_differently_is_served_at_once(world, progress, set_rules, monkeypatch):
    world.visit("371502", date(2019, 5, 1))
    world.done()
    queued: list[object] = []
    monkeypatch.setattr("app.progress.target_routes.rebuild_rollups", lambda: queued.append("rebuild"))
    set_rules(rag_amber_ratio="0.5")  # only the traffic light's threshold: no metric reads it
    assert queued == []
    assert progress(2019)["rules_pending"] is False


@pytest.fixture
def pg(engine: Engine, tmp_path_factory) -> Iterator[Engine]:
    """A database of this test's own: it changes the committed rules, which the other tests must not see."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time by design; concurrency is PostgreSQL's")
    fresh = _fresh_database(tmp_path_factory)
    url = next(fresh)
    command.upgrade(alembic_config(url), "head")
    own = make_engine(url)
    with Session(own) as s, s.begin():
        seed_units(s)
        rollup.sync(s)
    try:
        yield own
    finally:
        own.dispose()
        next(fresh, None)


def test_writers_go_on_while_the_new_rules_are_built(pg):
    """The rebuild runs month by month, each step a short transaction; writers committing between and during
    the steps wait at most one step, and afterwards both the served slices and the records agree."""
    with Session(pg) as s:
        units = s.execute(select(Unit.id).where(Unit.code.in_(["371502", "GRP-01", "DEPT-JXW"]))).scalars().all()
        ent = Enterprise(name="重建期间写入企业", name_norm=f"重建期间写入企业-{random.random()}")
        s.add(ent)
        s.flush()
        ent_id = ent.id
        for month in range(36):  # records in many months, so the build takes many steps
            s.add(Visit(unit_id=units[month % 3], enterprise_id=ent_id, region="other", status="verified",
                        visit_date=date(2018 + month // 12, month % 12 + 1, 3), created_by="rebuild-test"))
        s.commit()
        rules_mod.save(s, Rules(city_visits_include_territorial=False), reason="测试", actor="t")
        assert rollup.rules_changed(s, rules_mod.load(s)[1])
        s.commit()
    committed_during: list[int] = []  # the build step under way when each write committed
    step = [0]
    stop = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        rng = random.Random(7)
        try:
            while not stop.is_set():
                with Session(pg) as s:
                    s.add(Visit(unit_id=rng.choice(units), enterprise_id=ent_id, region="other", status="verified",
                                visit_date=date(2018 + rng.randrange(3), rng.randint(1, 12), rng.randint(1, 28)),
                                created_by="rebuild-test"))
                    s.commit()
                committed_during.append(step[0])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        steps = 0
        while True:
            with Session(pg) as s:
                more = rollup.build_step(s, budget_s=0.0)  # one month a step: many steps to write between
                s.commit()
            steps += 1
            step[0] = steps
            if not more:
                break
    finally:
        stop.set()
        writer.join(30)
    assert errors == []
    assert steps > 3
    # writes commit between the steps, not only before or after the whole rebuild: no lock spans it (a
    # rebuild holding one across its steps would leave every write at step 0 or at the end)
    assert len({n for n in committed_during if 0 < n < steps}) >= 3, (steps, sorted(set(committed_during)))
    with Session(pg) as s:
        assert s.get(ProgressRollupServing, 1).rules == rules_mod.load(s)[1].model_dump_json()
        needed = {p.id for p in for_rules(s, rules_mod.load(s)[1]).values()}
        assert set(s.execute(select(ProgressRollupSlice.id)).scalars()) == needed  # the old rules' own are gone
        assert rollup.check(s) == []
