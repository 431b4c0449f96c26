"""Backup → wipe → restore gives back every record, the files, a clean audit chain and rollups equal to the
records; a damaged backup or a database that holds data is refused before anything is touched."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session

from app.audit.service import verify_chain
from app.backup import service as backups
from app.progress import rollup
from app.seed.demo import seed_demo_records
from app.seed.service import seed_demo_users, seed_units
from tests.conftest import _fresh_database, alembic_config


@pytest.fixture
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of its own (this test wipes it), migrated and loaded with the demo records."""
    for url in _fresh_database(tmp_path_factory):
        command.upgrade(alembic_config(url), "head")
        engine = create_engine(url)
        with Session(engine) as session, session.begin():
            units = seed_units(session)
            seed_demo_users(session, units)
            seed_demo_records(session, units)
            rollup.sync(session)
        engine.dispose()
        yield url


def _wipe(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        Path(parsed.database or "").unlink()


def _audit_and_rollup(engine: Engine) -> tuple[int, list[str], list[str]]:
    with engine.connect() as conn:
        checked, chain_problems = verify_chain(conn)
    with Session(engine) as session, session.begin():
        return checked, chain_problems, rollup.check(session)


def test_backup_wipe_restore_gives_everything_back(source: str, tmp_path: Path) -> None:
    files = tmp_path / "files"
    (files / "project" / "7").mkdir(parents=True)
    (files / "project" / "7" / "合同.pdf").write_bytes(b"%PDF-1.4 signed contract\n" * 100)
    engine = create_engine(source)
    before = backups.table_counts(engine)
    engine.dispose()
    assert before["visit"] > 0 and before["project"] > 0 and before["audit_event"] > 0

    done = backups.backup(source, files, tmp_path / "backups")
    assert done.manifest["tables"] == before
    assert [f["path"] for f in done.manifest["files"]] == ["project/7/合同.pdf"]

    _wipe(source)
    import shutil
    shutil.rmtree(files)

    assert backups.restore(source, files, done.folder) == []
    engine = create_engine(source)
    try:
        assert backups.table_counts(engine) == before
        checked, chain_problems, rollup_problems = _audit_and_rollup(engine)
        assert checked == before["audit_event"]
        assert chain_problems == []
        assert rollup_problems == []
    finally:
        engine.dispose()
    assert (files / "project" / "7" / "合同.pdf").read_bytes() == b"%PDF-1.4 signed contract\n" * 100


def test_restore_refuses_a_database_with_data_unless_replacing(source: str, tmp_path: Path) -> None:
    done = backups.backup(source, tmp_path / "none", tmp_path / "backups")
    with pytest.raises(backups.BackupError, match="已有数据"):
        backups.restore(source, tmp_path / "files", done.folder)
    assert backups.restore(source, tmp_path / "files", done.folder, replace=True) == []


def test_a_damaged_backup_is_refused_before_anything_is_touched(source: str, tmp_path: Path) -> None:
    done = backups.backup(source, tmp_path / "none", tmp_path / "backups")
    dump = done.folder / done.manifest["dump"]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    engine = create_engine(source)
    counts = backups.table_counts(engine)
    with pytest.raises(backups.BackupError, match="校验和不符"):
        backups.restore(source, tmp_path / "files", done.folder, replace=True)
    assert backups.table_counts(engine) == counts
    engine.dispose()
