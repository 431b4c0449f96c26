"""Anchors for the audit chain, kept outside the database.

The chain (service.py) proves that no row was changed or removed *unless the whole chain after it was
recomputed* — which whoever owns the database can do. An anchor is the chain's head (id, hash) written
somewhere that person cannot also rewrite: a checkpoint line in a file on the app server, signed with the
app's secret key (which the database does not hold), the hourly job's log line, or a backup's manifest. A
rewritten chain no longer passes through its earlier anchors, so `zhaoshang audit-verify --anchors …` shows
it. What it cannot show: changes after the newest anchor made by the database owner with the chain
recomputed, or a forged checkpoint line made with the secret key.
"""

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import col

from app.audit.models import AuditEvent

log = logging.getLogger("zhaoshang.audit")


@dataclass(frozen=True)
class Anchor:
    id: int
    hash: str
    source: str  # where it was read from, for the report


def _mac(key: bytes, entry_id: int, entry_hash: str, at: str) -> str:
    return hmac.new(key, f"{entry_id}:{entry_hash}:{at}".encode(), hashlib.sha256).hexdigest()


def head(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(select(col(AuditEvent.id),
                              col(AuditEvent.hash)).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    if row is None:
        return None
    audit_id, digest = row
    assert audit_id is not None  # a primary key
    return int(audit_id), str(digest)


def checkpoint(conn: Connection, path: Path, key: bytes) -> dict[str, Any] | None:
    """Appends the chain's head to `path` as a signed JSON line (and logs it); None for an empty chain."""
    found = head(conn)
    if found is None:
        return None
    at = datetime.now(UTC).isoformat(timespec="seconds")
    line = {"at": at, "id": found[0], "hash": found[1], "mac": _mac(key, found[0], found[1], at)}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    log.info("audit checkpoint %s %s", found[0], found[1], extra={"audit_head_id": found[0],
                                                                  "audit_head_hash": found[1]})
    return line


def read(paths: list[Path], key: bytes) -> tuple[list[Anchor], list[str]]:
    """Anchors from checkpoint files (each line's signature checked) and backup manifests."""
    anchors: list[Anchor] = []
    problems: list[str] = []
    for path in paths:
        if path.name == "manifest.json" or path.is_dir():
            manifest = json.loads((path / "manifest.json" if path.is_dir() else path).read_text(encoding="utf-8"))
            if manifest.get("audit_head"):
                anchors.append(Anchor(int(manifest["audit_head"]["id"]), manifest["audit_head"]["hash"],
                                      f"{path} (backup)"))
            continue
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
                ok = hmac.compare_digest(line["mac"], _mac(key, int(line["id"]), line["hash"], line["at"]))
            except (ValueError, KeyError, TypeError):
                ok = False
            if not ok:
                problems.append(f"{path}:{n}: 检查点签名不符（被改动，或密钥不同）")
                continue
            anchors.append(Anchor(int(line["id"]), line["hash"], f"{path}:{n}"))
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
