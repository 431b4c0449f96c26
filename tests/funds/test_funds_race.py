"""Two units reporting the last of a project's total at the same moment: the project row lock makes the second
one see the first, so together they cannot pass the total (PostgreSQL; SQLite serialises writers anyway)."""

import threading

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.enterprises.models import Enterprise
from tests.projects.helpers import project_body, report


def test_racing_reports_cannot_together_pass_the_total(app, engine, token_for, unit):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, so requests never overlap there")
    with Session(engine) as s:  # committed for real (the requests below run in their own transactions)
        ent = Enterprise(name="并发测试企业", name_norm="并发测试企业-race")
        s.add(ent)
        s.commit()
        ent_id = ent.id
    project_id = None
    try:
        with TestClient(app) as c:
            body = project_body(ent, unit, name="并发到位资金项目", total_investment="100", enterprise_ids=[ent_id])
            created = c.post("/api/v1/projects", headers=token_for("grp01_editor"), json=body)
            assert created.status_code == 201, created.text
            project_id = created.json()["id"]
        gate, results = threading.Barrier(2), []

        def call(who: str, period: str) -> None:
            with TestClient(app) as c:
                gate.wait()
                results.append(report(c, token_for(who), project_id, period, "60").status_code)

        threads = [threading.Thread(target=call, args=args)
                   for args in (("dcf_editor", "2019-06"), ("grp01_editor", "2019-07"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == [201, 422]
        with TestClient(app) as c:
            detail = c.get(f"/api/v1/projects/{project_id}", headers=token_for("office")).json()
        assert detail["funds_reported"] == "60.00"
    finally:
        with Session(engine) as s:  # clean up what was committed (the audit history keeps its rows)
            conn = s.connection()
            if project_id is not None:
                for table in ("funds_report", "project_credit", "project_enterprise"):
                    conn.exec_driver_sql(f"DELETE FROM {table} WHERE project_id = %s", (project_id,))
                conn.exec_driver_sql("DELETE FROM project WHERE id = %s", (project_id,))
            conn.exec_driver_sql("DELETE FROM enterprise WHERE id = %s", (ent_id,))
            s.commit()
