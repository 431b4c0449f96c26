from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine


@dataclass
class FeedEnv:
    c: TestClient
    bind: Engine | Connection  # where helpers write: committed on PostgreSQL, the test's transaction on SQLite


@pytest.fixture
def feed(request: pytest.FixtureRequest, engine: Engine) -> Iterator[FeedEnv]:
    if engine.dialect.name == "postgresql":
        with TestClient(request.getfixturevalue("app"), raise_server_exceptions=False) as c:
            yield FeedEnv(c, engine)
    else:
        yield FeedEnv(request.getfixturevalue("client"), request.getfixturevalue("connection"))
