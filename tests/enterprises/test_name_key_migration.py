"""The name key's migration on a database that already holds namesakes: none is lost, they are numbered."""

from alembic import command
from sqlalchemy import text

from app.core.db import make_engine
from tests.conftest import _fresh_database, alembic_config

REVISION = "a10c0a000002"


def test_existing_namesakes_are_kept_and_numbered_by_age(tmp_path_factory):
    gen = _fresh_database(tmp_path_factory)
    url = next(gen)
    engine = make_engine(url)
    try:
        cfg = alembic_config(url)
        command.upgrade(cfg, f"{REVISION}-1")
        rows = [("甲公司", "甲"), ("乙公司", "乙"), ("甲有限公司", "甲"), ("甲 集团", "甲")]
        with engine.begin() as conn:
            for name, norm in rows:
                conn.execute(text("INSERT INTO enterprise (name, name_norm, former_names, former_norms, country, "
                                  "province, city, industry, is_fortune500, is_china500, is_central_soe, is_champion, "
                                  "is_unicorn, is_industry_leader, is_listed, is_internet_plus, is_association, "
                                  "version, created_at, updated_at) VALUES (:n, :norm, '[]', '|', '中国', '', '', '', "
                                  "false, false, false, false, false, false, false, false, false, 1, "
                                  "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"n": name, "norm": norm})
        command.upgrade(cfg, REVISION)
        with engine.connect() as conn:
            numbered = conn.execute(text("SELECT name, name_seq FROM enterprise ORDER BY id")).all()
        assert [tuple(r) for r in numbered] == [("甲公司", 0), ("乙公司", 0), ("甲有限公司", 1), ("甲 集团", 2)]
        command.downgrade(cfg, f"{REVISION}-1")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM enterprise")).scalar() == 4
    finally:
        engine.dispose()
        gen.close()
