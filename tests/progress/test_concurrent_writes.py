"""Writers of the whole city at once (PostgreSQL, real commits): no city-wide lock spans a transaction, a
rollup grain is one row however many writers add to it, and concurrent writes of records and of the
enterprises and projects they read leave the rollup equal to the records and the audit chain whole."""

import random
import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from app.audit.service import verify_chain
from app.enterprises.models import Enterprise
from app.funds.models import FundsReport
from app.progress import rollup
from app.progress.models import ProgressRollup
from app.progress.slices import for_rules
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from app.targets import rules as rules_mod
from app.units.models import Unit
from app.visits.models import Visit

MARK = "并发写入测试"
BY = "concurrency-test"  # what this module commits, so the clean-up finds exactly that


@pytest.fixture
def pg(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time by design; concurrency is PostgreSQL's")
    return engine


def _unit_ids(engine: Engine, *codes: str) -> list[int]:
    with Session(engine) as s:
        found = dict(s.execute(select(Unit.code, Unit.id).where(Unit.code.in_(codes))).all())
    return [found[c] for c in codes]


def _enterprises(engine: Engine, n: int) -> list[int]:
    with Session(engine) as s:
        ents = [Enterprise(name=f"{MARK}企业{i}", name_norm=f"{MARK}企业{i}-{random.random()}") for i in range(n)]
        s.add_all(ents)
        s.commit()
        return [e.id for e in ents]


def _visit(unit_id: int, enterprise_id: int, on: date = date(2019, 5, 6)) -> Visit:
    return Visit(unit_id=unit_id, enterprise_id=enterprise_id, visit_date=on, region="other", status="verified",
                 outcome=MARK, created_by=BY)


@pytest.fixture
def cleanup(pg: Engine):
    """Removes what a test committed, through the ORM so the rollup follows (the audit history keeps its rows)."""
    enterprise_ids: list[int] = []
    yield enterprise_ids
    with Session(pg) as s:
        for model in (FundsReport, Visit):
            for obj in s.execute(select(model).where(model.created_by == BY)).scalars():
                s.delete(obj)
        s.flush()
        for project in s.execute(select(Project).where(Project.created_by == BY)).scalars():
            for child in (ProjectCredit, ProjectEnterprise):
                for row in s.execute(select(child).where(child.project_id == project.id)).scalars():
                    s.delete(row)
            s.flush()
            s.delete(project)
        s.flush()
        for ent in s.execute(select(Enterprise).where(Enterprise.id.in_(enterprise_ids))).scalars():
            s.delete(ent)
        s.commit()
        assert rollup.check(s) == []


def test_writers_of_different_units_do_not_wait_for_each_other(pg, cleanup):
    county_a, county_b = _unit_ids(pg, "371502", "371581")
    ent_a, ent_b = _enterprises(pg, 2)
    cleanup.extend([ent_a, ent_b])
    slow = Session(pg)
    try:
        slow.add(_visit(county_a, ent_a))
        slow.flush()  # its changes are written and its audit rows noted; its transaction stays open
        took: list[float] = []

        def other_unit() -> None:
            started = time.monotonic()
            with Session(pg) as s:
                s.add(_visit(county_b, ent_b))
                s.commit()
            took.append(time.monotonic() - started)

        thread = threading.Thread(target=other_unit)
        thread.start()
        thread.join(10)
        assert took, "the second unit's write waited for the first unit's open transaction"
        assert took[0] < 5
        slow.commit()
    finally:
        slow.close()
    with Session(pg) as s:
        assert rollup.check(s) == []
        assert verify_chain(s.connection())[1] == []


def test_a_rollup_grain_is_one_row(pg, cleanup):
    """Two writers adding to the same unit and day at once: one row, counted twice, never two rows."""
    county = _unit_ids(pg, "371502")[0]
    ents = _enterprises(pg, 2)
    cleanup.extend(ents)
    on = date(2019, 7, 9)

    with Session(pg) as s:
        visits = for_rules(s, rules_mod.load(s)[1])[("visits", False)].id

    def grain(s: Session) -> list[tuple[int, int]]:
        return [tuple(r) for r in s.execute(select(ProgressRollup.raw, ProgressRollup.n).where(
            ProgressRollup.slice_id == visits, ProgressRollup.unit_id == county, ProgressRollup.day == on,
            ProgressRollup.status == "verified"))]

    with Session(pg) as s:
        before = grain(s)
    gate = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(ent: int) -> None:
        try:
            with Session(pg) as s:
                s.add(_visit(county, ent, on))
                s.flush()
                gate.wait(10)
                s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(e,)) for e in ents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    with Session(pg) as s:
        after = grain(s)
        assert len(after) == 1
        old_raw, old_n = before[0] if before else (0, 0)
        assert after[0] == (old_raw + 2, old_n + 2)
        with pytest.raises(IntegrityError):  # the grain is a unique key: a second row cannot exist
            s.add(ProgressRollup(slice_id=visits, unit_id=county, day=on, month="2019-07", status="verified",
                                 region="", raw=1, n=1))
            s.flush()


def _retrying(engine: Engine, work) -> None:
    """What the server does with a deadlock victim: run the transaction again."""
    for attempt in range(5):
        try:
            with Session(engine) as s:
                work(s)
                s.commit()
            return
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001") or attempt == 4:
                raise


def test_concurrent_writes_of_records_and_what_they_read_keep_the_rollup_exact(pg, cleanup):
    """Visits, projects, credits and funds written while other writers flip the enterprise classes and change the
    projects those rows read: afterwards the rollup equals the records and the chain verifies."""
    units = _unit_ids(pg, "371502", "371581", "ZONE-ETDZ", "GRP-01", "DEPT-JXW")
    ents = _enterprises(pg, 4)
    cleanup.extend(ents)
    with Session(pg) as s:
        projects = []
        for i in range(3):
            p = Project(unit_id=units[i], name=f"{MARK}项目{i}", total_investment=Decimal("20000"),
                        landing_unit_id=units[i], status="verified", created_by=BY, signed_on=date(2019, 3, 1),
                        started_on=date(2019, 4, 1))
            s.add(p)
            s.flush()
            s.add(ProjectEnterprise(project_id=p.id, enterprise_id=ents[i]))
            s.add(ProjectCredit(project_id=p.id, unit_id=units[3], share=Decimal("100")))
            projects.append(p.id)
        s.commit()
    periods = iter(date(2019, m, 1) for m in range(1, 13))
    period_lock = threading.Lock()
    gate = threading.Barrier(4)
    errors: list[BaseException] = []

    def visits(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(12):
            _retrying(pg, lambda s: s.add(_visit(rng.choice(units), rng.choice(ents),
                                                 date(2019, rng.randint(1, 12), rng.randint(1, 28)))))

    def classes(seed: int) -> None:
        rng = random.Random(seed)

        def flip(s: Session) -> None:
            ent = s.get(Enterprise, rng.choice(ents))
            ent.is_fortune500 = not ent.is_fortune500
            ent.is_central_soe = rng.random() < 0.5
        for _ in range(12):
            _retrying(pg, flip)

    def project_writes(seed: int) -> None:
        rng = random.Random(seed)

        def change(s: Session) -> None:
            p = s.get(Project, rng.choice(projects), with_for_update=True)
            choice = rng.random()
            if choice < 0.4:
                p.total_investment = rng.choice([Decimal("9999.99"), Decimal("10000"), Decimal("30000")])
            elif choice < 0.7:
                s.add(ProjectEnterprise(project_id=p.id, enterprise_id=ents[3])) if s.get(
                    ProjectEnterprise, (p.id, ents[3])) is None else s.delete(s.get(ProjectEnterprise, (p.id, ents[3])))
            else:
                with period_lock:
                    period = next(periods, None)
                if period is not None:
                    s.add(FundsReport(unit_id=units[3], project_id=p.id, period=period, amount=Decimal("100.50"),
                                      status="verified", created_by=BY))
        for _ in range(12):
            _retrying(pg, change)

    def run(fn, seed: int) -> None:
        try:
            gate.wait(10)
            fn(seed)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=args)
               for args in ((visits, 1), (visits, 2), (classes, 3), (project_writes, 4))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with Session(pg) as s:
        assert rollup.check(s) == []
        assert verify_chain(s.connection())[1] == []
