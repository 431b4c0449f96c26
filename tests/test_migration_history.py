"""Migrations are history: a revision file, once recorded, never changes and never disappears."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "release_migrations.py"
spec = importlib.util.spec_from_file_location("release_migrations", SCRIPT)
assert spec and spec.loader
ledger = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ledger)


def test_every_recorded_revision_is_unchanged_and_present():
    known, now = ledger.recorded(), ledger.current()
    assert known, "migrations/released.txt is empty"
    changed = sorted(name for name, sha in known.items() if now.get(name) != sha)
    assert changed == [], f"released revisions were edited or removed (write a new revision instead): {changed}"


def test_every_revision_is_recorded():
    unrecorded = sorted(set(ledger.current()) - set(ledger.recorded()))
    assert unrecorded == [], f"record new revisions with `python scripts/release_migrations.py`: {unrecorded}"


def test_an_edited_revision_is_caught(tmp_path, monkeypatch):
    """The check compares content, not names: one changed byte in a recorded file fails it."""
    versions = tmp_path / "versions"
    versions.mkdir()
    revision = versions / "20260101_x_first.py"
    revision.write_text('revision = "x"\n')
    monkeypatch.setattr(ledger, "VERSIONS", versions)
    monkeypatch.setattr(ledger, "LEDGER", tmp_path / "released.txt")
    assert ledger.main() == 0
    assert ledger.recorded() == {revision.name: ledger.digest(revision)}
    revision.write_text('revision = "x"  # edited\n')
    assert ledger.main() == 1
    assert ledger.recorded()[revision.name] != ledger.digest(revision)
