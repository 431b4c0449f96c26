"""Small hand-built worlds for progress tests: records inserted directly, so figures are checked
against numbers worked out in the test, not by the metric code."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from app.enterprises.models import Enterprise
from app.events.models import Event
from app.funds.models import FundsReport
from app.leads.models import Lead
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from app.targets.models import Target
from app.targets.rules import Rules
from app.targets.seed import seed_plan
from app.visits.models import Visit


class World:
    def __init__(self, db: Session, unit):
        self.db, self.unit = db, unit
        self.plan = seed_plan(db)
        self._namesakes = itertools.count()
        db.commit()

    def enterprise(self, name="企业", **flags) -> Enterprise:
        e = Enterprise(name=name, name_norm=name, name_seq=next(self._namesakes), **flags)  # namesakes allowed
        self.db.add(e)
        self.db.flush()
        return e

    def visit(self, unit_code, on, ent=None, status="verified") -> Visit:
        ent = ent or self.enterprise()
        v = Visit(unit_id=self.unit(unit_code).id, enterprise_id=ent.id, visit_date=on, region="other", status=status,
                  created_by="t")
        self.db.add(v)
        self.db.flush()
        return v

    def project(self, owner, total, *, landing=None, credits=None, ents=(), status="verified", **fields) -> Project:
        p = Project(unit_id=self.unit(owner).id, name=fields.pop("name", "项目"), total_investment=Decimal(total),
                    landing_unit_id=self.unit(landing).id if landing else None, status=status, created_by="t",
                    **fields)
        self.db.add(p)
        self.db.flush()
        for code, share in (credits or {}).items():
            self.db.add(ProjectCredit(project_id=p.id, unit_id=self.unit(code).id, share=Decimal(share)))
        for e in ents:
            self.db.add(ProjectEnterprise(project_id=p.id, enterprise_id=e.id))
        self.db.flush()
        return p

    def funds(self, project, unit_code, period, amount, status="verified") -> FundsReport:
        f = FundsReport(unit_id=self.unit(unit_code).id, project_id=project.id, period=period, amount=Decimal(amount),
                        status=status, created_by="t")
        self.db.add(f)
        self.db.flush()
        return f

    def event(self, unit_code, on, kind, region, status="verified") -> Event:
        e = Event(unit_id=self.unit(unit_code).id, kind=kind, title="活动", event_date=on, region=region, status=status,
                  created_by="t")
        self.db.add(e)
        self.db.flush()
        return e

    def lead(self, unit_code, on) -> Lead:
        lead = Lead(unit_id=self.unit(unit_code).id, enterprise_id=self.enterprise().id, source="chamber",
                    received_on=on, created_by="t")
        self.db.add(lead)
        self.db.flush()
        return lead

    def target(self, code, applies_to="unit_type") -> Target:
        return self.db.exec(select(Target).where(Target.target_set_id == self.plan.id, Target.code == code,
                                                 Target.applies_to == applies_to)).one()

    def done(self):
        self.db.commit()


@pytest.fixture
def world(db, unit) -> World:
    return World(db, unit)


@pytest.fixture
def set_rules(client, token_for):
    def apply(**changes):
        rules = Rules(**changes).model_dump(mode="json")
        response = client.post("/api/v1/rules", headers=token_for("office"), json={"rules": rules, "reason": "测试"})
        assert response.status_code == 201, response.text
        return response.json()
    return apply


@pytest.fixture
def progress(client, token_for):
    """Figures by (target code, unit code or None) for a year/quarter, as the office sees them."""
    def get(year, quarter=None, who="office", **params):
        response = client.get("/api/v1/progress", headers=token_for(who),
                              params={"year": year, **({"quarter": quarter} if quarter else {}), **params})
        assert response.status_code == 200, response.text
        return response.json()
    return get


def figure(body, code, unit_name=None):
    [item] = [i for i in body["items"] if i["code"] == code and i["unit_name"] == unit_name]
    return item


D = Decimal
__all__ = ["D", "date", "figure"]
