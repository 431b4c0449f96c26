"""Two office clerks bulk-verifying overlapping records in opposite orders (PostgreSQL, real commits, 30 trials):
the rows are locked sorted, so one batch waits for the other and is then refused whole — never a deadlock."""

import uuid
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.core.time import utcnow
from app.enterprises.models import Enterprise
from app.events.models import Event
from app.records.models import Status
from app.visits.models import Visit
from tests.racing import TRIALS, postgres_only, race, remove, status


def _submitted(engine, unit_id: int, ent_id: int, tag: str) -> tuple[list[int], list[int]]:
    """Six visits and four events a county submitted, committed."""
    with Session(engine) as s:
        visits = [Visit(unit_id=unit_id, enterprise_id=ent_id, visit_date=date(2019, 3, 1 + i), region="other",
                        status=Status.submitted, submitted_at=utcnow(), created_by=tag) for i in range(6)]
        events = [Event(unit_id=unit_id, kind="other", title=f"{tag}-{i}", event_date=date(2019, 3, 1 + i),
                        region="other", status=Status.submitted, submitted_at=utcnow(), created_by=tag)
                  for i in range(4)]
        s.add_all(visits + events)
        s.commit()
        return [v.id for v in visits], [e.id for e in events]


def _items(kind: str, ids: list[int]) -> list[dict]:
    return [{"record_type": kind, "id": i, "version": 1} for i in ids]


def test_overlapping_bulk_verifies_in_opposite_orders(app, engine, token_for, unit):
    postgres_only(engine)
    tag = f"race-{uuid.uuid4().hex[:8]}"
    with Session(engine) as s:
        ent = Enterprise(name=f"核实并发企业{tag}", name_norm=f"核实并发企业{tag}")
        s.add(ent)
        s.commit()
        ent_id = ent.id
    clerks = [token_for("office"), token_for("office2")]
    county = unit("371502").id
    outcomes, verifies, states = [], [], []
    try:
        with TestClient(app, raise_server_exceptions=False) as a, TestClient(app, raise_server_exceptions=False) as b:
            for _ in range(TRIALS):
                visits, events = _submitted(engine, county, ent_id, tag)
                first = _items("visit", visits[:4]) + _items("event", events[:3])  # overlap: visits 2-3, events 1-2
                second = _items("event", events[3:0:-1]) + _items("visit", visits[:1:-1])
                answers = race([a, b], [lambda c, h=h, j=j: c.post("/api/v1/verification/bulk", headers=h,
                                                                 json={"action": "verify", "items": j})
                                        for h, j in zip(clerks, (first, second), strict=True)])
                outcomes.append(sorted(map(status, answers), key=str))
                won = next((j for r, j in zip(answers, (first, second), strict=True)
                            if r is not None and r.status_code == 200), [])
                winners = {(i["record_type"], i["id"]) for i in won}
                everything = _items("visit", visits) + _items("event", events)
                expected = [1 if (i["record_type"], i["id"]) in winners else 0 for i in everything]
                verifies.append([_verify_events(a, clerks[0], i) for i in everything] == expected)
                with Session(engine) as s:
                    rows = {("visit", v.id): v for v in s.exec(select(Visit).where(col(Visit.id).in_(visits)))}
                    rows |= {("event", e.id): e for e in s.exec(select(Event).where(col(Event.id).in_(events)))}
                    states.append(all((r.status, r.version) == ((Status.verified, 2) if key in winners
                                                               else (Status.submitted, 1)) for key, r in rows.items()))
        assert outcomes == [[200, 409]] * TRIALS
        assert verifies == [True] * TRIALS  # each record verified once in its history, the loser's untouched
        assert states == [True] * TRIALS
    finally:
        remove(engine, (Visit, Visit.created_by == tag), (Event, Event.created_by == tag),
               (Enterprise, Enterprise.id == ent_id))


def _verify_events(client: TestClient, headers: dict, item: dict) -> int:
    history = client.get("/api/v1/audit-events", headers=headers,
                         params={"entity": item["record_type"], "entity_id": item["id"]}).json()["data"]
    return sum(e["action"] == "verify" for e in history)
