"""A seventh record kind, defined here on a table of its own: the record-kind factory alone serves its list,
read, create, update, history, transitions, draft delete and export — the worked example of docs/architecture.md."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

import pytest
from fastapi.testclient import TestClient
from pydantic import Field as Input
from sqlmodel import Field, SQLModel, col

from app.core.db import session_factory
from app.core.schemas import Id, InputModel
from app.core.xlsx import Column
from app.main import create_app
from app.records import filters
from app.records import service as records
from app.records.exports import ExportSheet, id_column, review_columns
from app.records.filters import ColumnFilters
from app.records.kind import RecordKind
from app.records.models import VerifiedRecord
from app.records.router import record_router
from app.records.schemas import ListMeta, SearchText, VerifiedMeta

Title = Annotated[str, Input(min_length=1, max_length=200)]


@pytest.fixture(scope="module")
def memos() -> Iterator[RecordKind]:
    """The kind: a table, its schemas, its filters, its visibility clause — defined once for the module and taken
    out of the shared metadata afterwards, so the migration checks never see it."""

    class Memo(VerifiedRecord, table=True):
        __tablename__ = "throwaway_memo"
        title: str = Field(max_length=200)

    class MemoCreate(InputModel):
        title: Title
        unit_id: Id | None = None

    class MemoUpdate(InputModel):
        title: Title | None = None

    class MemoPublic(VerifiedMeta):
        title: str

    class MemosPublic(ListMeta):
        data: list[MemoPublic]

    @dataclass
    class MemoFilters:
        q: SearchText = None
        sort: str = "-id"

    yield RecordKind(
        name="memo", model=Memo, create_schema=MemoCreate, update_schema=MemoUpdate, public_schema=MemoPublic,
        list_schema=MemosPublic, filters=MemoFilters, sorts={"id": col(Memo.id)},
        where=ColumnFilters(Memo, same=(), more=[filters.texts_containing(Memo.title)]),
        visible=lambda scope: scope.clause(col(Memo.unit_id)),
        create=lambda session, principal, data: records.new_record(session, principal, Memo, data),
        update=lambda session, principal, memo, data: records.save(session, memo, records.edit(
            principal, memo, data, ("title",))),
        to_public=lambda _session, rows, _principal: [MemoPublic.model_validate(m) for m in rows],
        export=ExportSheet("备忘", "memos", lambda names: [id_column(), Column("标题", lambda m: m.title),
                                                             *review_columns(names)]),
    )
    SQLModel.metadata.remove(Memo.__table__)


@pytest.fixture
def memo_client(settings, engine, connection, memos) -> Iterator[TestClient]:
    """A test app with the kind's router added; its table exists only in the test's transaction."""
    memos.model.__table__.create(connection)
    app = create_app(settings, engine)
    served = list(app.router.routes)
    app.router.routes.clear()
    app.include_router(record_router(memos))
    app.router.routes.extend(served)  # the kind's routes ahead of the SPA's catch-all, as if in main.ROUTERS
    app.state.session_factory = session_factory(connection)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_the_factory_serves_create_read_list_update_and_history(memo_client, token_for):
    editor = token_for("dcf_editor")
    created = memo_client.post("/api/v1/memos", headers=editor, json={"title": "第一条"})
    assert created.status_code == 201, created.text
    memo = created.json()
    assert (memo["title"], memo["status"], memo["version"]) == ("第一条", "draft", 1)
    assert created.headers["ETag"] == '"1"'
    url = f"/api/v1/memos/{memo['id']}"

    read = memo_client.get(url, headers=editor)
    assert read.status_code == 200 and read.json() == memo and read.headers["ETag"] == '"1"'
    memo_client.post("/api/v1/memos", headers=editor, json={"title": "第二条"})
    listed = memo_client.get("/api/v1/memos", headers=editor, params={"with_total": True}).json()
    assert [m["title"] for m in listed["data"]] == ["第二条", "第一条"] and listed["total"] == 2
    assert [m["title"] for m in memo_client.get("/api/v1/memos", headers=editor, params={"q": "一"}).json()["data"]] \
        == ["第一条"]

    assert memo_client.patch(url, headers=editor, json={"title": "改过"}).status_code == 428
    updated = memo_client.patch(url, headers={**editor, "If-Match": '"1"'}, json={"title": "改过"})
    assert updated.status_code == 200 and updated.json()["title"] == "改过" and updated.headers["ETag"] == '"2"'
    assert memo_client.patch(url, headers={**editor, "If-Match": '"1"'}, json={"title": "再改"}).status_code == 412

    events = memo_client.get(f"{url}/history", headers=editor).json()["data"]
    assert [e["action"] for e in events] == ["update", "create"]
    assert events[0]["entity"] == "throwaway_memo" and events[0]["before"]["title"] == "第一条"
    assert events[0]["after"]["title"] == "改过"


def test_the_kinds_visibility_clause_hides_another_units_memos(memo_client, token_for):
    memo = memo_client.post("/api/v1/memos", headers=token_for("dcf_editor"), json={"title": "本单位的"}).json()
    other = token_for("linqing_editor")
    assert memo_client.get(f"/api/v1/memos/{memo['id']}", headers=other).status_code == 404
    assert memo_client.get(f"/api/v1/memos/{memo['id']}/history", headers=other).status_code == 404
    assert memo_client.get("/api/v1/memos", headers=other).json()["data"] == []
    assert memo_client.get(f"/api/v1/memos/{memo['id']}", headers=token_for("office")).status_code == 200


def test_a_verified_kind_gets_the_workflow_the_draft_delete_and_the_export(memo_client, token_for):
    editor, office = token_for("dcf_editor"), token_for("office")
    draft = memo_client.post("/api/v1/memos", headers=editor, json={"title": "草稿"}).json()
    assert memo_client.delete(f"/api/v1/memos/{draft['id']}", headers=editor).status_code == 204
    assert memo_client.get(f"/api/v1/memos/{draft['id']}", headers=editor).status_code == 404

    memo = memo_client.post("/api/v1/memos", headers=editor, json={"title": "报送"}).json()
    url = f"/api/v1/memos/{memo['id']}"
    submitted = memo_client.post(f"{url}/transitions", headers=editor, json={"action": "submit"})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert memo_client.post(f"{url}/transitions", headers=office, json={"action": "verify"}).json()["status"] \
        == "verified"
    assert memo_client.delete(url, headers=editor).status_code == 409

    export = memo_client.get("/api/v1/memos/export.xlsx", headers=editor)
    assert export.status_code == 200, export.text
    assert export.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_its_operations_are_named_and_gated_like_the_six(memo_client):
    spec = memo_client.app.openapi()
    operations = {op["operationId"] for path in spec["paths"].values() for op in path.values()
                  if op["operationId"].lower().endswith(("memo", "memos", "memohistory", "memobyexternalid"))}
    assert operations == {"listMemos", "exportMemos", "createMemo", "getMemo", "updateMemo", "transitionMemo",
                          "getMemoHistory", "deleteMemo", "batchUpsertMemos", "getMemoByExternalId"}
    assert memo_client.get("/api/v1/memos").status_code == 401
