"""Migrations run both ways and leave the schema equal to the models (what `alembic check` checks)."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.core.db import make_engine
from app.core.indexes import for_dialect
from tests.conftest import _fresh_database, alembic_config


def test_upgrade_downgrade_upgrade_and_no_drift(tmp_path_factory):
    gen = _fresh_database(tmp_path_factory)
    url = next(gen)
    try:
        cfg = alembic_config(url)
        command.upgrade(cfg, "head")
        command.downgrade(cfg, "base")
        engine = make_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        command.upgrade(cfg, "head")
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_object": for_dialect(conn.dialect.name)}
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), SQLModel.metadata)
        engine.dispose()
        assert diff == []
    finally:
        gen.close()
