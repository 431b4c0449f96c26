from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlmodel import col

from app.clients.models import ApiClient
from app.enterprises.models import Enterprise
from app.visits.models import Visit
from tests.racing import remove


@dataclass
class FeedEnv:
    c: TestClient
    bind: Engine | Connection  # where helpers write: committed on PostgreSQL, the test's transaction on SQLite
    enterprises: list[int] = field(default_factory=list)  # what a committed test removes afterwards
    clients: list[int] = field(default_factory=list)


def remove_committed(engine: Engine, enterprises: list[int], clients: list[int] = ()) -> None:
    """Visits of the test's enterprises, merged enterprises before the ones they were merged into, its clients."""
    remove(engine, (Visit, col(Visit.enterprise_id).in_(enterprises)),
           (Enterprise, col(Enterprise.id).in_(enterprises) & col(Enterprise.merged_into_id).is_not(None)),
           (Enterprise, col(Enterprise.id).in_(enterprises)), (ApiClient, col(ApiClient.id).in_(list(clients))))


@pytest.fixture
def feed(request: pytest.FixtureRequest, engine: Engine) -> Iterator[FeedEnv]:
    if engine.dialect.name != "postgresql":
        yield FeedEnv(request.getfixturevalue("client"), request.getfixturevalue("connection"))
        return
    with TestClient(request.getfixturevalue("app"), raise_server_exceptions=False) as c:
        env = FeedEnv(c, engine)
        try:
            yield env
        finally:
            remove_committed(engine, env.enterprises, env.clients)
