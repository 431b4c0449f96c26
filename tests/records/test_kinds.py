"""The six record kinds are each served by the one router factory, from their definitions in `app.kinds`."""

from datetime import date

from sqlmodel import select

from app.authz.scoping import UnitScope
from app.kinds import BY_TABLE, KINDS, readable
from app.visits.models import Visit


def _operation(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def test_every_kind_gets_the_factorys_routes_and_only_verified_kinds_the_workflow(app):
    operations = {op["operationId"]: path for path, item in app.openapi()["paths"].items() for op in item.values()}
    assert sorted(k.name for k in KINDS) == ["enterprise", "event", "funds_report", "lead", "project", "visit"]
    for kind in KINDS:
        names = [f"list_{kind.plural}", f"export_{kind.plural}", f"create_{kind.name}", f"get_{kind.name}",
                 f"update_{kind.name}", f"get_{kind.name}_history"]
        workflow = [f"transition_{kind.name}", f"delete_{kind.name}"]
        for name in names:
            assert operations[_operation(name)].startswith(kind.path), name
        assert all((_operation(name) in operations) == kind.verified for name in workflow), kind.name
    assert [k.name for k in KINDS if k.verified] == ["visit", "event", "project", "funds_report"]


def test_a_table_name_finds_its_kinds_visibility_clause(db, make_enterprise, unit):
    ent = make_enterprise()
    own, other = unit("371502").id, unit("371581").id
    db.add(Visit(unit_id=own, enterprise_id=ent.id, visit_date=date(2019, 5, 6), region="other"))
    db.flush()
    assert BY_TABLE["visit"].model is Visit
    seen = db.exec(select(Visit.unit_id).where(readable("visit", UnitScope(all=False, ids=frozenset({own}))))).all()
    assert seen and set(seen) == {own}
    assert db.exec(select(Visit.id).where(readable("visit", UnitScope(all=False, ids=frozenset({other}))),
                                          Visit.unit_id == own)).all() == []
