"""Anchors kept outside the database catch what the chain alone cannot: a history rewritten by whoever owns
the database, with every hash after the change recomputed."""

from pathlib import Path

from sqlalchemy import Connection, select, text

from app.audit import anchors
from app.audit.models import AuditEvent
from app.audit.service import row_hash, verify_chain
from tests.audit.test_audit import _bypass_append_only

KEY = b"k" * 40


def _rewrite_from(connection: Connection, entry_id: int) -> int:
    """Changes one row and recomputes its stream's chain after it, as the database's owner could; the stream."""
    _bypass_append_only(connection)
    connection.execute(text("UPDATE audit_event SET actor_name = 'forged' WHERE id = :id"), {"id": entry_id})
    table = AuditEvent.__table__
    stream = connection.execute(select(table.c.stream).where(table.c.id == entry_id)).scalar_one()
    rows = connection.execute(select(*table.c).where(table.c.id >= entry_id, table.c.stream == stream)
                              .order_by(table.c.id)).mappings().all()
    prev = connection.execute(text("SELECT hash FROM audit_event WHERE id < :id AND stream = :s "
                                   "ORDER BY id DESC LIMIT 1"), {"id": entry_id, "s": stream}).scalar()
    for row in rows:
        fixed = {**row, "prev_hash": prev}
        fixed["hash"] = prev = row_hash(fixed)
        connection.execute(text("UPDATE audit_event SET prev_hash = :p, hash = :h WHERE id = :id"),
                           {"p": fixed["prev_hash"], "h": fixed["hash"], "id": row["id"]})
    return stream


def test_a_recomputed_chain_passes_the_chain_check_but_not_its_anchors(connection: Connection,
                                                                       tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    line = anchors.checkpoint(connection, path, KEY)
    assert line is not None and line["id"] > 20
    stream = _rewrite_from(connection, 10)
    assert verify_chain(connection)[1] == []  # the chain alone cannot tell
    found, problems = anchors.read([path], KEY)
    assert problems == [] and [a.id for a in found] == [audit_id for audit_id, _ in line["heads"]]
    [rewritten_head] = [a.id for a in found if connection.execute(
        select(AuditEvent.stream).where(AuditEvent.id == a.id)).scalar_one() == stream]
    assert anchors.check(connection, found) == [f"#{rewritten_head}: 哈希与锚点不符，链在此之前被改写（{path}:1）"]


def test_an_untouched_chain_matches_its_anchors(connection: Connection, tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    lines = [anchors.checkpoint(connection, path, KEY), anchors.checkpoint(connection, path, KEY)]
    found, problems = anchors.read([path], KEY)
    assert problems == [] and len(found) == sum(len(line["heads"]) for line in lines if line)  # a head per stream
    assert lines[0] and lines[1] and lines[0]["heads"] == lines[1]["heads"]
    assert anchors.check(connection, found) == []


def test_a_checkpoint_line_edited_to_match_a_rewrite_is_refused(connection: Connection, tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    line = anchors.checkpoint(connection, path, KEY)
    assert line is not None
    path.write_text(path.read_text(encoding="utf-8").replace(line["hash"], "f" * 64), encoding="utf-8")
    found, problems = anchors.read([path], KEY)
    assert found == [] and problems == [f"{path}:1: 检查点签名不符（被改动，或密钥不同）"]
    assert anchors.read([path], b"another key" * 4)[0] == []


def test_a_deleted_anchor_row_is_reported(connection: Connection, tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    line = anchors.checkpoint(connection, path, KEY)
    assert line is not None
    _bypass_append_only(connection)
    connection.execute(text("DELETE FROM audit_event WHERE id >= :id"), {"id": line["id"]})
    found, _ = anchors.read([path], KEY)
    assert anchors.check(connection, found) == [f"#{line['id']}: 锚点记录已不存在（{path}:1）"]
