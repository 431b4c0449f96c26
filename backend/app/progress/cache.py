"""Computed progress, cached per process until anything changes.

The key includes the newest hash of each audit stream: every change to any record appends to one of them in
the same transaction, and a stream's head hash commits to its whole history, so a cached answer is reused
only while the data is exactly what it was computed from.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from app.audit.service import newest_hashes
from app.progress.models import ProgressRollupServing, ProgressRollupSlice

MAX_ENTRIES = 64  # set from settings.progress_cache_entries by create_app; 0 keeps nothing
_lock = threading.Lock()
_entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
stats = {"hits": 0, "misses": 0}


def data_version(session: Session) -> str:
    """The audit streams' heads, and when the rollups were last rebuilt (a rebuild after a bulk load outside
    the application, which the chain does not see, must not be answered from the cache)."""
    *heads, built, switched = session.execute(select(  # one round trip: it is paid by every progress request
        *newest_hashes(), select(func.max(ProgressRollupSlice.built_at)).scalar_subquery(),
        select(col(ProgressRollupServing.switched_at)).scalar_subquery())).one()
    return f"{heads}|{built.isoformat() if built else ''}|{switched.isoformat() if switched else ''}"


def cached(session: Session, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    full_key = (data_version(session), *key)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            stats["hits"] += 1
            return _entries[full_key]
    value = compute()
    with _lock:
        stats["misses"] += 1
        if MAX_ENTRIES <= 0:
            return value
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def configure(max_entries: int) -> None:
    global MAX_ENTRIES
    MAX_ENTRIES = max_entries
    clear()


def clear() -> None:
    with _lock:
        _entries.clear()
