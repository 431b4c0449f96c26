"""Migration a13a00000001 gives the audit rows written before it their owner, and keeps the table append-only."""

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.core.db import make_engine
from tests.conftest import _fresh_database, alembic_config

ROW = ("INSERT INTO audit_event (at, actor_type, actor_name, action, entity, entity_id, prev_hash, hash) "
       "VALUES (CURRENT_TIMESTAMP, 'system', 'test', 'create', :entity, :entity_id, :prev, :hash)")


def test_rows_before_the_owner_column_get_their_owner(tmp_path_factory):
    gen = _fresh_database(tmp_path_factory)
    url = next(gen)
    try:
        cfg = alembic_config(url)
        command.upgrade(cfg, "a11a00000004")
        engine = make_engine(url)
        rows = [("project", "12"), ("project_credit", "12:5"), ("project_enterprise", "120:7"),
                ("event_enterprise", "3:9"), ("unit_cluster", "4:1")]
        with engine.begin() as conn:
            for n, (entity, entity_id) in enumerate(rows):
                conn.execute(text(ROW), {"entity": entity, "entity_id": entity_id, "prev": "0" * 64,
                                         "hash": f"{n:064}"})
        command.upgrade(cfg, "head")
        with engine.connect() as conn:
            found = {(e, i): (o, oid) for e, i, o, oid in conn.execute(text(
                "SELECT entity, entity_id, owner_entity, owner_id FROM audit_event"))}
        assert found == {("project", "12"): (None, None), ("project_credit", "12:5"): ("project", 12),
                         ("project_enterprise", "120:7"): ("project", 120), ("event_enterprise", "3:9"): ("event", 3),
                         ("unit_cluster", "4:1"): ("unit", 4)}
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET owner_id = 1"))
        engine.dispose()
    finally:
        gen.close()
