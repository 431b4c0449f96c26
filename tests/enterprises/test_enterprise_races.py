"""Two editors at the same moment on the enterprise library (PostgreSQL, real commits, 30 trials each), and the
lock a new record's check takes on the enterprise it names."""

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, func, select

from app.core import rowlocks
from app.enterprises.identity import normalize_name
from app.enterprises.lookup import ensure_enterprises
from app.enterprises.models import Enterprise
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from tests.projects.helpers import project_body
from tests.racing import TRIALS, postgres_only, race, remove, status


def _committed_enterprise(engine, name: str) -> Enterprise:
    with Session(engine, expire_on_commit=False) as s:
        ent = Enterprise(name=name, name_norm=name)
        s.add(ent)
        s.commit()
        return ent


def test_the_same_new_enterprise_by_two_editors_gives_one_enterprise_and_a_409(app, engine, token_for):
    postgres_only(engine)
    tag = uuid.uuid4().hex[:8]
    editors = [token_for("dcf_editor"), token_for("grp01_editor")]
    outcomes, rows, named_winner = [], [], []
    try:
        with TestClient(app, raise_server_exceptions=False) as a, TestClient(app, raise_server_exceptions=False) as b:
            for trial in range(TRIALS):
                body = {"name": f"并发录入{tag}第{trial}号新材料有限公司"}
                answers = race([a, b], [lambda c, h=h, j=body: c.post("/api/v1/enterprises", headers=h, json=j)
                                        for h in editors])
                outcomes.append(sorted(map(status, answers), key=str))
                with Session(engine) as s:
                    rows.append(s.exec(select(func.count()).select_from(Enterprise).where(
                        Enterprise.name_norm == normalize_name(body["name"]))).one())
                won = [r for r in answers if r is not None and r.status_code == 201]
                lost = [r for r in answers if r is not None and r.status_code == 409]
                if won and lost:
                    named_winner.append(lost[0].json()["type"] == "/problems/possible-duplicate"
                                        and [c["id"] for c in lost[0].json()["candidates"]] == [won[0].json()["id"]])
        assert outcomes == [[201, 409]] * TRIALS
        assert rows == [1] * TRIALS
        assert named_winner == [True] * TRIALS
    finally:
        remove(engine, (Enterprise, col(Enterprise.name).startswith(f"并发录入{tag}")))


def test_creating_a_project_while_its_enterprise_is_edited_never_fails(app, engine, token_for, unit):
    """A project naming an enterprise and an edit of that enterprise's class flags, at the same moment: both
    succeed every time (no deadlock answered as 500)."""
    postgres_only(engine)
    tag = uuid.uuid4().hex[:8]
    ent = _committed_enterprise(engine, f"并发项目企业{tag}")
    ent_id = ent.id
    creator, editor = token_for("grp01_editor"), token_for("dcf_editor")
    outcomes, version = [], 1
    try:
        with TestClient(app, raise_server_exceptions=False) as a, TestClient(app, raise_server_exceptions=False) as b:
            for trial in range(TRIALS):
                body = project_body(ent, unit, name=f"并发项目{tag}-{trial}")
                flags = {"is_fortune500": trial % 2 == 0, "is_listed": trial % 3 == 0}
                answers = race([a, b], [
                    lambda c, j=body: c.post("/api/v1/projects", headers=creator, json=j),
                    lambda c, v=version, j=flags: c.patch(f"/api/v1/enterprises/{ent_id}",
                                                          headers={**editor, "If-Match": f'"{v}"'}, json=j)])
                outcomes.append([status(r) for r in answers])
                version = b.get(f"/api/v1/enterprises/{ent_id}", headers=editor).json()["version"]
        assert outcomes == [[201, 200]] * TRIALS
        assert version == 1 + TRIALS
    finally:
        projects = select(Project.id).where(col(Project.name).startswith(f"并发项目{tag}"))
        remove(engine, (ProjectCredit, col(ProjectCredit.project_id).in_(projects)),
               (ProjectEnterprise, col(ProjectEnterprise.project_id).in_(projects)),
               (Project, col(Project.name).startswith(f"并发项目{tag}")), (Enterprise, Enterprise.id == ent_id))


def test_merging_a_pair_both_ways_at_once_merges_it_once(app, engine, token_for):
    """The office merges A into B while a colleague merges B into A: both rows are locked sorted in one
    statement, so one merge waits and is then refused (the other side is already merged) — never a deadlock."""
    postgres_only(engine)
    tag = uuid.uuid4().hex[:8]
    clerks = [token_for("office"), token_for("office2")]
    outcomes, merged_once = [], []
    try:
        with TestClient(app, raise_server_exceptions=False) as a, TestClient(app, raise_server_exceptions=False) as b:
            for trial in range(TRIALS):
                with Session(engine) as s:
                    pair = [Enterprise(name=f"合并{tag}-{trial}-{n}", name_norm=f"合并{tag}-{trial}-{n}") for n in "ab"]
                    s.add_all(pair)
                    s.commit()
                    ids = [e.id for e in pair]
                answers = race([a, b], [
                    lambda c, h=h, src=src, dst=dst: c.post(f"/api/v1/enterprises/{src}/merge", headers=h,
                                                            json={"into_id": dst, "reason": "重复录入"})
                    for h, (src, dst) in zip(clerks, (ids, ids[::-1]), strict=True)])
                outcomes.append(sorted(map(status, answers), key=str))
                with Session(engine) as s:
                    rows = s.exec(select(Enterprise).where(col(Enterprise.id).in_(ids))).all()
                    merged_once.append(sorted(e.merged_into_id is None for e in rows) == [False, True])
        assert [o in ([200, 409], [200, 422]) for o in outcomes] == [True] * TRIALS, outcomes
        assert merged_once == [True] * TRIALS
    finally:
        with Session(engine) as s:
            s.connection().exec_driver_sql("UPDATE enterprise SET merged_into_id = NULL WHERE name LIKE %s",
                                           (f"合并{tag}%",))
            s.commit()
        remove(engine, (Enterprise, col(Enterprise.name).startswith(f"合并{tag}")))


def test_an_enterprise_a_record_will_name_is_locked_for_share_by_its_check(engine):
    """The check of a new record's enterprise reads and locks it `FOR SHARE` in one statement: an edit of it
    waits until the record commits, and the rollup upkeep does not lock it a second time."""
    postgres_only(engine)
    ent_id = _committed_enterprise(engine, f"共享锁企业{uuid.uuid4().hex[:8]}").id
    try:
        with Session(engine) as writer, Session(engine) as editor:
            ensure_enterprises(writer, [ent_id])
            assert rowlocks.held(writer, "enterprise", ent_id) == "share"
            editor.exec(text("SET LOCAL lock_timeout = '200ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                editor.exec(select(Enterprise).where(Enterprise.id == ent_id).with_for_update())
            editor.rollback()
            writer.rollback()  # the record is not written after all: the lock goes with the transaction
            assert editor.exec(select(Enterprise.id).where(Enterprise.id == ent_id).with_for_update()).one() == ent_id
    finally:
        remove(engine, (Enterprise, Enterprise.id == ent_id))
