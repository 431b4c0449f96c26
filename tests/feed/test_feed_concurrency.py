"""PostgreSQL, real commits from several threads: a transaction that took its id first and commits last is not
skipped by a reader that already passed the shorter ones, and no change is returned twice."""

import random
import threading
import time
import uuid
from datetime import date

from app.authz.principal import SYSTEM
from app.core.db import session_factory
from app.feed import service as feed
from app.feed.schemas import ChangePublic
from app.visits.models import Visit
from tests.feed.conftest import remove_committed
from tests.feed.helpers import committed_enterprise
from tests.racing import postgres_only


def _visit(unit_id: int, ent_id: int, tag: str) -> Visit:
    return Visit(unit_id=unit_id, enterprise_id=ent_id, visit_date=date(2019, 3, 1), region="other", created_by=tag)


def _read(engine, cursor: str | None, limit: int = 3) -> tuple[list[ChangePublic], str | None, bool]:
    with session_factory(engine)() as s:
        page = feed.read_changes(s, SYSTEM, cursor=cursor, kinds="visit", limit=limit)
    return page.data, page.next_cursor, page.has_more


def _drain(engine, cursor: str | None) -> tuple[list[ChangePublic], str | None]:
    seen: list[ChangePublic] = []
    while True:
        page, cursor, more = _read(engine, cursor)
        seen += page
        if not more:
            return seen, cursor


def _drain_until(engine, cursor: str | None, ids: set[int], timeout: float = 30) -> list[ChangePublic]:
    """Reads on until every change of `ids` came: a transaction elsewhere on the server (xids are cluster-wide)
    may hold the horizon back for a moment — a delay, never a skip."""
    seen: list[ChangePublic] = []
    deadline = time.monotonic() + timeout
    while True:
        page, cursor = _drain(engine, cursor)
        seen += page
        if ids <= {c.record_id for c in seen} or time.monotonic() > deadline:
            return seen
        time.sleep(0.2)


def test_a_long_transaction_committing_last_is_not_skipped(engine, unit):
    postgres_only(engine)
    tag, county = f"feed-{uuid.uuid4().hex[:8]}", unit("371502").id
    ent = committed_enterprise(engine)
    _, start = _drain(engine, None)
    took_id, shorts_done = threading.Event(), threading.Event()
    long_id: list[int] = []

    def long_writer() -> None:
        with session_factory(engine)() as s:
            visit = _visit(county, ent, tag)
            s.add(visit)
            s.flush()  # its change row is written, under this transaction's id, before the others begin
            long_id.append(visit.id)
            took_id.set()
            shorts_done.wait(30)
            s.commit()

    writer = threading.Thread(target=long_writer)
    writer.start()
    try:
        assert took_id.wait(30)
        short_ids = []
        for _ in range(2):
            with session_factory(engine)() as s:
                visit = _visit(county, ent, tag)
                s.add(visit)
                s.commit()
                short_ids.append(visit.id)
        held, cursor = _drain(engine, start)
        assert not {c.record_id for c in held} & set(short_ids + long_id), "changes passed the open transaction"
        shorts_done.set()
        writer.join(30)
        later = _drain_until(engine, cursor, set(short_ids + long_id))
        mine = [c.record_id for c in held + later if c.record_id in set(short_ids + long_id)]
        assert mine == long_id + short_ids  # each once; the long one first, as it took its id first
    finally:
        shorts_done.set()
        writer.join(30)
        remove_committed(engine, [ent])


def test_concurrent_writers_and_a_paging_reader_see_every_change_exactly_once(engine, unit):
    postgres_only(engine)
    tag, county = f"feed-{uuid.uuid4().hex[:8]}", unit("371502").id
    ent = committed_enterprise(engine)
    _, start = _drain(engine, None)
    written: list[int] = []
    lock, stop = threading.Lock(), threading.Event()
    gate = threading.Barrier(5)

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        gate.wait()
        for _ in range(6):
            with session_factory(engine)() as s:
                visit = _visit(county, ent, tag)
                s.add(visit)
                s.flush()
                time.sleep(rng.choice([0, 0, 0.01, 0.05, 0.3]))  # some hold their transaction open
                s.commit()
                with lock:
                    written.append(visit.id)

    seen: list[ChangePublic] = []

    def reader() -> None:
        cursor = start
        gate.wait()
        while not stop.is_set():
            page, cursor, _ = _read(engine, cursor, limit=2)
            seen.extend(page)
        seen.extend(_drain_until(engine, cursor, set(written)))  # the writers have all committed by now

    writers = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    reading = threading.Thread(target=reader)
    try:
        for t in [*writers, reading]:
            t.start()
        for t in writers:
            t.join(60)
        stop.set()
        reading.join(60)
        mine = [c for c in seen if c.record_id in set(written)]
        assert len(written) == 24
        assert sorted(c.record_id for c in mine) == sorted(written), "a change was skipped or repeated"
        assert len({c.id for c in mine}) == len(mine)
    finally:
        stop.set()
        remove_committed(engine, [ent])
