"""The demo records a development install loads obey the records' own rules, and load once."""

from collections import defaultdict
from decimal import Decimal

from sqlmodel import func, select

from app.funds.models import FundsReport
from app.progress import rollup
from app.projects.models import Project, ProjectCredit
from app.seed.demo import seed_demo_records
from app.units.models import Unit
from app.visits.models import Visit


def test_demo_records_are_valid_and_load_once(db):
    units = {u.code: u for u in db.exec(select(Unit))}
    counts = seed_demo_records(db, units, scale=0.1)
    assert counts["visits"] == 270 and counts["projects"] == 30 and counts["funds reports"] > 10
    shares = defaultdict(Decimal)
    for credit in db.exec(select(ProjectCredit)):
        shares[credit.project_id] += credit.share
    assert set(shares.values()) == {Decimal("100.00")}
    totals = defaultdict(Decimal)
    for report in db.exec(select(FundsReport)):
        totals[report.project_id] += report.amount
    for project in db.exec(select(Project)):
        assert totals[project.id] <= project.total_investment
        stages = [d for d in (project.negotiating_on, project.signed_on, project.started_on, project.in_production_on)
                  if d is not None]
        assert stages == sorted(stages), project.name
        assert project.landing_unit_id is not None and units_by_id(units)[project.landing_unit_id].type in (
            "county", "dev_zone")
    years = {v.year for v in db.exec(select(Visit.visit_date))}
    assert years == {2018, 2019, 2020}
    assert rollup.check(db) == []  # written through the ORM: the rollup followed
    before = db.exec(select(func.count()).select_from(Visit)).one()
    assert seed_demo_records(db, units, scale=0.1) == {}
    assert db.exec(select(func.count()).select_from(Visit)).one() == before


def units_by_id(units):
    return {u.id: u for u in units.values()}
