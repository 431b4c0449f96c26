"""The audit history as several hash chains side by side (audit/service.py): each stream is verified on its
own, tampering in any stream is still found, a checkpoint holds every stream's head, and on PostgreSQL a
writer never waits for another writer's append to commit."""

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, select, text
from sqlmodel import Session

from app.audit import anchors
from app.audit.models import AuditEvent
from app.audit.service import GENESIS, STREAM, STREAMS, append_pending, verify_chain
from app.core.db import session_factory
from app.units.models import Unit
from tests.audit.test_audit import _bypass_append_only

KEY = b"k" * 40


def _rename_in_stream(connection: Connection, stream: int, code: str, name: str) -> int:
    """Renames a unit in a transaction whose audit rows go to `stream`; the id of the row it wrote."""
    with session_factory(connection)() as session:
        session.info[STREAM] = stream
        session.execute(select(Unit).where(Unit.code == code)).scalar_one().name_en = name
        session.commit()
    row = connection.execute(select(AuditEvent.id, AuditEvent.stream, AuditEvent.prev_hash)
                             .order_by(AuditEvent.id.desc()).limit(1)).one()
    assert row.stream == stream
    return row.id


def test_each_stream_chains_its_own_rows(connection: Connection) -> None:
    first = _rename_in_stream(connection, 3, "CHB-TJ", "a")
    second = _rename_in_stream(connection, 5, "CHB-TJ", "b")
    third = _rename_in_stream(connection, 3, "CHB-TJ", "c")
    rows = {r.id: r for r in connection.execute(select(AuditEvent).where(AuditEvent.id.in_([first, second, third])))}
    assert rows[third].prev_hash == rows[first].hash  # the row before it in stream 3, not the newest of all
    assert rows[second].prev_hash in {GENESIS, *connection.execute(
        select(AuditEvent.hash).where(AuditEvent.stream == 5, AuditEvent.id < second)).scalars()}
    assert verify_chain(connection)[1] == []


@pytest.mark.parametrize("tamper, expected", [
    ("UPDATE audit_event SET actor_name = 'forged' WHERE id = :middle", "#{middle}: 内容与哈希不符（记录被改动）"),
    ("DELETE FROM audit_event WHERE id = :middle", "#{last}: 链断裂（前一条记录被删除或改动）"),
    ("UPDATE audit_event SET stream = 6 WHERE id = :middle", "#{last}: 链断裂（前一条记录被删除或改动）"),
])
def test_tampering_within_a_stream_is_found(connection: Connection, tamper: str, expected: str) -> None:
    ids = [_rename_in_stream(connection, 4, "CHB-TJ", name) for name in ("a", "b", "c")]
    _rename_in_stream(connection, 9, "CHB-TJ", "d")  # another stream's row in between is no gap
    assert verify_chain(connection)[1] == []
    _bypass_append_only(connection)
    connection.execute(text(tamper), {"middle": ids[1]})
    assert expected.format(middle=ids[1], last=ids[2]) in verify_chain(connection)[1]


def test_a_checkpoint_anchors_every_streams_head(connection: Connection, tmp_path: Path) -> None:
    for stream, name in ((2, "x"), (7, "y")):
        _rename_in_stream(connection, stream, "CHB-TJ", name)
    path = tmp_path / "checkpoints.jsonl"
    line = anchors.checkpoint(connection, path, KEY)
    assert line is not None
    heads = {stream: connection.execute(select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.stream == stream)
                                        .order_by(AuditEvent.id.desc()).limit(1)).first() for stream in range(STREAMS)}
    assert line["heads"] == sorted([list(h) for h in heads.values() if h is not None])
    assert [line["id"], line["hash"]] == line["heads"][-1]
    found, problems = anchors.read([path], KEY)
    assert problems == [] and sorted(a.id for a in found) == [h[0] for h in line["heads"]]
    assert anchors.check(connection, found) == []


def test_a_checkpoint_line_from_before_the_streams_still_reads(connection: Connection, tmp_path: Path) -> None:
    """A line of one head (id, hash, at, mac), as written before the streams, is one anchor."""
    audit_id, digest = connection.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)).first()
    at = "2026-12-01T00:00:00+00:00"
    path = tmp_path / "old.jsonl"
    path.write_text(f'{{"at": "{at}", "id": {audit_id}, "hash": "{digest}", '
                    f'"mac": "{anchors._mac(KEY, audit_id, digest, at)}"}}\n', encoding="utf-8")
    found, problems = anchors.read([path], KEY)
    assert problems == [] and [(a.id, a.hash) for a in found] == [(audit_id, digest)]


def test_a_writer_does_not_wait_for_another_writers_append(engine: Engine) -> None:
    """PostgreSQL: one transaction has appended its rows (its stream is locked until it commits); a second
    writer appends to another stream and commits meanwhile."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time by design; concurrency is PostgreSQL's")
    holder = Session(engine)
    names: dict[int, str] = {}
    try:
        unit = holder.execute(select(Unit).where(Unit.code == "CHB-TJ")).scalar_one()
        names[unit.id] = unit.name_en
        unit.name_en = "held"
        holder.flush()
        append_pending(holder)  # the stream lock is now held until this transaction ends
        took: list[float] = []

        def other_writer() -> None:
            started = time.monotonic()
            with Session(engine) as s:
                other = s.execute(select(Unit).where(Unit.code == "CHB-SZ")).scalar_one()
                names[other.id] = other.name_en
                other.name_en = "not held"
                s.commit()
            took.append(time.monotonic() - started)

        thread = threading.Thread(target=other_writer)
        thread.start()
        thread.join(10)
        assert took and took[0] < 5, "the second writer waited for the first one's append to commit"
    finally:
        holder.rollback()
        holder.close()
    with Session(engine) as s:  # put back what the second writer committed (audited like any change)
        for unit_id, name in names.items():
            s.get_one(Unit, unit_id).name_en = name
        s.commit()
        assert verify_chain(s.connection())[1] == []
