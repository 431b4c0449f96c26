"""Helpers for race tests on PostgreSQL: requests released together by a barrier, each in its own committed
transaction (the app's real session factory, not the rolled-back test connection)."""

import threading
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import ColumnElement
from sqlmodel import Session, select

TRIALS = 30


def postgres_only(engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, so requests never overlap there")


def race(clients: list[TestClient], calls: list[Callable[[TestClient], Response]]) -> list[Response | None]:
    """Runs calls[i] on clients[i], all released at the same moment; a call that hangs past 60 s stays None."""
    gate, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i: int) -> None:
        gate.wait()
        results[i] = calls[i](clients[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def status(response: Response | None) -> int | str:
    return "hung" if response is None else response.status_code


def remove(engine, *batches: tuple[type, ColumnElement[bool]]) -> None:
    """Deletes what a race test committed, children first, through the ORM so the rollups follow (the audit
    history keeps its rows)."""
    with Session(engine) as s:
        for model, condition in batches:
            for obj in s.exec(select(model).where(condition)):
                s.delete(obj)
            s.flush()
        s.commit()
