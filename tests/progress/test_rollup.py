"""The rollup the dashboards read must always equal the records: after any sequence of writes, rule changes
and unit changes, every figure computed from the rollup equals the figure computed from the records."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, select, update
from sqlmodel import Session

from app.progress import rollup
from app.progress.models import ProgressRollupSlice
from app.progress.routes import as_of_for
from app.progress.service import compute, get_target_set
from app.projects.models import ProjectCredit, ProjectEnterprise
from app.targets import rules as rules_mod
from app.targets.rules import Rules
from app.units.models import Unit
from app.visits.models import Visit
from tests.progress.conftest import figure

UNITS = ["371502", "371581", "ZONE-ETDZ", "GRP-01", "GRP-02", "DEPT-JXW", "CHB-BJ", "OFFICE"]
STATUSES = ["draft", "submitted", "verified", "verified", "returned"]
CLASSES = ["is_fortune500", "is_china500", "is_central_soe", "is_champion", "is_association"]


SCOPED_UNITS = ["371502", "GRP-01", "DEPT-JXW"]  # a county, a group, a department


def figures(db: Session, *, use_rollup: bool) -> dict:
    """Every figure of every target for each plan year and its Q2: verified, reported, monthly trend — for the
    whole city, and as one unit's dashboard shows them (its own figures, with and without the city's)."""
    _, rules = rules_mod.load(db)
    target_set = get_target_set(db, None)
    unit_ids = db.execute(select(Unit.id).where(Unit.code.in_(SCOPED_UNITS))).scalars().all()
    scopes = [(None, True), *(((uid,), city) for uid in unit_ids for city in (True, False))]
    out = {}
    for year in (2018, 2019, 2020):
        for quarter in (None, 2):
            for only, include_city in scopes:
                for item in compute(db, target_set, rules, year=year, quarter=quarter, as_of=as_of_for(year, quarter),
                                    unit_ids=set(only) if only else None, include_city=include_city,
                                    use_rollup=use_rollup):
                    key = (year, quarter, only, include_city, item.target.code, item.target.id,
                           item.unit.code if item.unit else None)
                    out[key] = (item.cell.verified, item.cell.reported, dict(item.cell.trend()))
    return out


def assert_rollup_equals_records(db: Session) -> None:
    from_rollup = figures(db, use_rollup=True)
    from_records = figures(db, use_rollup=False)
    wrong = {k: (from_rollup[k], from_records[k]) for k in from_records if from_rollup.get(k) != from_records[k]}
    assert not wrong, f"{len(wrong)} figures differ, e.g. {sorted(wrong.items(), key=str)[:3]}"
    assert rollup.check(db) == []


def day(rng: random.Random) -> date:
    return date(2018, 1, 1) + timedelta(days=rng.randrange(3 * 365 + 1))


class Writer:
    """Random writes through the ORM, the way the services make them."""

    def __init__(self, world, rng: random.Random):
        self.w, self.rng, self.db = world, rng, world.db
        self.visits, self.projects, self.funds, self.events, self.leads, self.ents = [], [], [], [], [], []
        self.periods: set[tuple[int, date]] = set()  # one funds report per project and month

    def pick(self, items):
        return self.rng.choice(items) if items else None

    def new_enterprise(self):
        flags = {c: self.rng.random() < 0.3 for c in CLASSES}
        ent = self.w.enterprise(f"企业{len(self.ents)}", **flags,
                                china500_list=self.rng.choice([None, "中国企业500强", "中国民营企业500强"]))
        self.ents.append(ent)

    def new_visit(self):
        self.visits.append(self.w.visit(self.pick(UNITS), day(self.rng), self.pick(self.ents),
                                        status=self.pick(STATUSES)))

    def new_project(self):
        signed = day(self.rng)
        started = signed + timedelta(days=self.rng.randrange(400)) if self.rng.random() < 0.7 else None
        producing = started + timedelta(days=self.rng.randrange(400)) if started and self.rng.random() < 0.5 else None
        a, b = self.rng.sample(["GRP-01", "GRP-02", "DEPT-JXW", "CHB-BJ", "371581"], 2)
        credits = self.rng.choice([{a: "100"}, {a: "60", b: "40"}, {a: "33.33", b: "66.67"}])
        project = self.w.project(
            self.pick(UNITS), self.rng.choice(["10000.00", "9999.99", "25000.50", "300.00"]),
            landing=self.rng.choice(["371502", "371581", "ZONE-ETDZ", None]), credits=credits,
            ents=self.rng.sample(self.ents, min(len(self.ents), self.rng.randint(1, 2))),
            status=self.pick(STATUSES), signed_on=signed, started_on=started, in_production_on=producing,
            four_new=self.rng.choice([None, "new_technology"]),
            advanced_class=self.rng.choice([None, "medical_health"]))
        self.projects.append(project)

    def new_funds(self):
        project = self.pick(self.projects)
        period = day(self.rng).replace(day=1)
        if project is not None and (project.id, period) not in self.periods:
            self.periods.add((project.id, period))
            self.funds.append(self.w.funds(project, self.pick(UNITS), period,
                                           self.rng.choice(["100.00", "2500.25", "0.01"]), status=self.pick(STATUSES)))

    def new_event(self):
        self.events.append(self.w.event(self.pick(UNITS), day(self.rng),
                                        self.rng.choice(["concentrated", "promotion", "other"]),
                                        self.rng.choice(["jingjinji", "yangtze_delta", "pearl_delta", "other"]),
                                        status=self.pick(STATUSES)))

    def new_lead(self):
        self.leads.append(self.w.lead(self.pick(UNITS), day(self.rng)))

    def edit(self):
        """One change to an existing row: a date, a status, a class, an amount, a credit, a link…"""
        rng, db = self.rng, self.db
        kind = rng.choice(["visit", "visit_ent", "project", "project_dates", "credit", "project_ent", "funds",
                           "event", "lead", "enterprise", "delete_visit", "delete_funds"])
        if kind == "visit" and self.visits:
            v = self.pick(self.visits)
            v.visit_date, v.status = day(rng), self.pick(STATUSES)
        elif kind == "visit_ent" and self.visits and self.ents:
            self.pick(self.visits).enterprise_id = self.pick(self.ents).id
        elif kind == "project" and self.projects:
            p = self.pick(self.projects)
            p.total_investment = Decimal(rng.choice(["10000.00", "10000.01", "500.00"]))
            p.status = self.pick(STATUSES)
            p.landing_unit_id = self.w.unit(rng.choice(["371502", "ZONE-ETDZ"])).id
        elif kind == "project_dates" and self.projects:
            p = self.pick(self.projects)
            p.signed_on = day(rng)
            p.started_on = p.signed_on + timedelta(days=rng.randrange(200)) if rng.random() < 0.8 else None
        elif kind == "credit" and self.projects:
            p = self.pick(self.projects)
            for credit in db.exec(select(ProjectCredit).where(ProjectCredit.project_id == p.id)).scalars():
                db.delete(credit)
            db.flush()
            db.add(ProjectCredit(project_id=p.id, unit_id=self.w.unit(rng.choice(["GRP-02", "CHB-BJ"])).id,
                                 share=Decimal("100")))
        elif kind == "project_ent" and self.projects and self.ents:
            link = ProjectEnterprise(project_id=self.pick(self.projects).id, enterprise_id=self.pick(self.ents).id)
            if db.get(ProjectEnterprise, (link.project_id, link.enterprise_id)) is None:
                db.add(link)
        elif kind == "funds" and self.funds:
            f = self.pick(self.funds)
            f.amount, f.status = Decimal(rng.choice(["1.00", "9999.99"])), self.pick(STATUSES)
            other = self.pick(self.projects)
            if rng.random() < 0.3 and (other.id, f.period) not in self.periods:
                self.periods.discard((f.project_id, f.period))
                self.periods.add((other.id, f.period))
                f.project_id = other.id
        elif kind == "event" and self.events:
            e = self.pick(self.events)
            e.region, e.event_date, e.status = rng.choice(["jingjinji", "pearl_delta"]), day(rng), self.pick(STATUSES)
        elif kind == "lead" and self.leads:
            self.pick(self.leads).received_on = day(rng)
        elif kind == "enterprise" and self.ents:
            ent = self.pick(self.ents)
            setattr(ent, rng.choice(CLASSES), rng.random() < 0.5)
        elif kind == "delete_visit" and self.visits:
            v = self.visits.pop(rng.randrange(len(self.visits)))
            db.delete(v)
        elif kind == "delete_funds" and self.funds:
            f = self.funds.pop(rng.randrange(len(self.funds)))
            self.periods.discard((f.project_id, f.period))
            db.delete(f)
        db.flush()

    def step(self):
        getattr(self, self.rng.choice(["new_visit", "new_visit", "new_project", "new_funds", "new_funds",
                                       "new_event", "new_lead", "new_enterprise", "edit", "edit", "edit"]))()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_the_rollup_equal_to_the_records(world, seed):
    rng = random.Random(seed)
    writer = Writer(world, rng)
    for _ in range(4):
        writer.new_enterprise()
    for round_ in range(4):
        for _ in range(25):
            writer.step()
        if round_ % 2:
            world.db.commit()  # maintained before commit …
        assert_rollup_equals_records(world.db)  # … and, within a transaction, before reading


def test_rule_changes_rebuild_the_slices_they_change(world, set_rules, db):
    rng = random.Random(7)
    writer = Writer(world, rng)
    for _ in range(3):
        writer.new_enterprise()
    for _ in range(60):
        writer.step() if rng.random() < 0.8 else writer.new_project()
    world.done()
    set_rules(yi_inclusive=False, territorial_attribution="both", credit_weighting="full", landed_stage="signed",
              china500_lists=["中国企业500强"], city_visits_include_territorial=False)
    assert_rollup_equals_records(db)
    set_rules(territorial_attribution="credit")
    assert_rollup_equals_records(db)


def test_a_unit_changing_type_rebuilds_everything(world, db):
    writer = Writer(world, random.Random(11))
    for _ in range(3):
        writer.new_enterprise()
    for _ in range(40):
        writer.new_project() if len(writer.projects) < 10 else writer.step()
    world.done()
    chamber = world.unit("CHB-BJ")
    chamber.type = "department"  # its credits now count as a department's
    db.commit()
    assert_rollup_equals_records(db)


def test_the_dashboard_reads_the_rollup_not_the_records(world, db, progress, connection):
    for d in (1, 2, 3):
        world.visit("371502", date(2019, 3, d))
    world.done()
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.lower())
    event.listen(connection, "before_cursor_execute", record)
    try:
        assert figure(progress(2019), "T14", "东昌府区")["actual"] == "3.00"
    finally:
        event.remove(connection, "before_cursor_execute", record)
    assert any("progress_rollup" in s for s in seen)
    assert not [s for s in seen if " visit " in s or "from visit" in s or "funds_report" in s], \
        "the dashboard scanned the records"


def test_a_stale_slice_is_never_read(world, db, progress):
    world.visit("371502", date(2019, 3, 1))
    world.done()
    assert figure(progress(2019), "T14", "东昌府区")["actual"] == "1.00"
    # a change outside the application (a bulk load, a manual fix) with the slice's state marked stale
    db.execute(update(Visit).values(visit_date=date(2019, 4, 1)))
    db.execute(update(ProgressRollupSlice).values(fingerprint="stale"))
    db.commit()
    body = progress(2019, 1)
    assert figure(body, "T14", "东昌府区")["actual"] == "0.00"  # rebuilt before reading: the visit is in April now
    assert figure(progress(2019), "T14", "东昌府区")["trend"] == [{"month": "2019-04", "value": "1.00"}]


def test_edits_no_metric_reads_leave_the_rollup_alone(world, db, connection):
    v = world.visit("371502", date(2019, 3, 1))
    world.done()
    writes: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "progress_rollup" in statement.lower() and not statement.lower().lstrip().startswith("select"):
            writes.append(statement)
    event.listen(connection, "before_cursor_execute", record)
    try:
        v.outcome = "达成意向"
        db.commit()
        assert writes == []
        v.status = "submitted"
        db.commit()
        assert writes, "a status change must recompute the visit's day"
    finally:
        event.remove(connection, "before_cursor_execute", record)


def test_check_reports_a_tampered_rollup(world, db):
    world.visit("371502", date(2019, 3, 1))
    world.done()
    assert rollup.check(db) == []
    db.execute(update(rollup.ProgressRollup).values(raw=5))
    assert any("visits" in line for line in rollup.check(db))


def test_units_are_not_rebuilt_for_a_new_unit(db, connection):
    rebuilt: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lower().lstrip().startswith("delete from progress_rollup"):
            rebuilt.append(statement)
    event.listen(connection, "before_cursor_execute", record)
    try:
        db.add(Unit(code="CHB-TEST", type="chamber", name_zh="测试商会", name_en="Test chamber"))
        db.commit()
    finally:
        event.remove(connection, "before_cursor_execute", record)
    assert rebuilt == []


def test_rules_fingerprint_covers_every_rule_that_changes_counting():
    """Each setting that changes a metric's rows changes some slice's fingerprint (so it is rebuilt)."""
    from app.progress.metrics import REGISTRY
    from app.progress.slices import _fingerprint

    base = Rules()
    counting = {"yi_inclusive": False, "china500_lists": ["中国企业500强"], "territorial_attribution": "both",
                "credit_weighting": "full", "landed_stage": "signed", "city_visits_include_territorial": False}
    for name, value in counting.items():
        changed = base.model_copy(update={name: value})
        assert any(_fingerprint(m, base.model_dump_json(), c, "postgresql")
                   != _fingerprint(m, changed.model_dump_json(), c, "postgresql")
                   for m in REGISTRY for c in (False, True)), name


def test_integer_sums_round_like_decimals():
    """The rollup's integer sums and the records' decimal sums give the same figure, halves included."""
    from app.progress.service import Cell

    for divisor in (1, 100, 10000, 1000000):
        cell = Cell(divisor)
        for raw in [*range(0, 3000, 7), 5, 15, 25, 49995, 50005, 12345678901]:
            assert cell._value(raw) == cell._value(Decimal(raw)), (raw, divisor)
            assert str(cell._value(raw)) == str(cell._value(Decimal(raw)))
