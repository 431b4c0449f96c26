"""Anchors for the audit chain, kept outside the database.

The chains (service.py) prove that no row was changed or removed *unless the whole chain after it was
recomputed* — which whoever owns the database can do. An anchor is a chain's head (id, hash) written
somewhere that person cannot also rewrite: a checkpoint line in a file on the app server, signed with the
app's secret key (which the database does not hold), the hourly job's log line, or a backup's manifest. A
rewritten chain no longer passes through its earlier anchors, so `zhaoshang audit-verify --anchors …` shows
it. A checkpoint holds the head of every stream, read in one snapshot. What it cannot show: changes after the
newest anchor made by the database owner with the chain recomputed, or a forged checkpoint line made with the
secret key.
"""

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, union_all
from sqlmodel import col

from app.audit.models import AuditEvent
from app.audit.service import STREAMS, newest_in

log = logging.getLogger("zhaoshang.audit")


@dataclass(frozen=True)
class Anchor:
    id: int
    hash: str
    source: str  # where it was read from, for the report


def _mac(key: bytes, entry_id: int, entry_hash: str, at: str, heads: list[list[Any]] | None = None) -> str:
    message = f"{entry_id}:{entry_hash}:{at}" + ("" if heads is None else ":" + json.dumps(heads))
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def heads(conn: Connection) -> list[tuple[int, str]]:
    """Every stream's newest row (id, hash), oldest first, in one statement (one snapshot)."""
    arms = [newest_in(stream, col(AuditEvent.id), col(AuditEvent.hash)).subquery() for stream in range(STREAMS)]
    rows = conn.execute(union_all(*(select(arm.c.id, arm.c.hash) for arm in arms))).all()
    return sorted((int(audit_id), str(digest)) for audit_id, digest in rows)


def checkpoint(conn: Connection, path: Path, key: bytes) -> dict[str, Any] | None:
    """Appends every stream's head to `path` as a signed JSON line (and logs the newest); None for an empty
    history."""
    found = heads(conn)
    if not found:
        return None
    at = datetime.now(UTC).isoformat(timespec="seconds")
    newest = found[-1]
    listed = [[audit_id, digest] for audit_id, digest in found]
    line = {"at": at, "id": newest[0], "hash": newest[1], "heads": listed,
            "mac": _mac(key, newest[0], newest[1], at, listed)}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    log.info("audit checkpoint %s %s", newest[0], newest[1], extra={"audit_head_id": newest[0],
                                                                    "audit_head_hash": newest[1]})
    return line


def read(paths: list[Path], key: bytes) -> tuple[list[Anchor], list[str]]:
    """Anchors from checkpoint files (each line's signature checked) and backup manifests."""
    anchors: list[Anchor] = []
    problems: list[str] = []
    for path in paths:
        if path.name == "manifest.json" or path.is_dir():
            manifest = json.loads((path / "manifest.json" if path.is_dir() else path).read_text(encoding="utf-8"))
            listed = manifest.get("audit_heads") or ([manifest["audit_head"]] if manifest.get("audit_head") else [])
            anchors += [Anchor(int(h["id"]), h["hash"], f"{path} (backup)") for h in listed]
            continue
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
                ok = hmac.compare_digest(line["mac"], _mac(key, int(line["id"]), line["hash"], line["at"],
                                                           line.get("heads")))
            except (ValueError, KeyError, TypeError):
                ok = False
            if not ok:
                problems.append(f"{path}:{n}: 检查点签名不符（被改动，或密钥不同）")
                continue
            listed = line.get("heads") or [[line["id"], line["hash"]]]  # a line from before the streams: one
            anchors += [Anchor(int(audit_id), str(digest), f"{path}:{n}") for audit_id, digest in listed]
    return anchors, problems


def check(conn: Connection, anchors: list[Anchor]) -> list[str]:
    """Each anchor's row must still exist with the same hash."""
    problems = []
    for anchor in anchors:
        found = conn.execute(select(col(AuditEvent.hash)).where(col(AuditEvent.id) == anchor.id)).scalar()
        if found is None:
            problems.append(f"#{anchor.id}: 锚点记录已不存在（{anchor.source}）")
        elif found != anchor.hash:
            problems.append(f"#{anchor.id}: 哈希与锚点不符，链在此之前被改写（{anchor.source}）")
    return problems
