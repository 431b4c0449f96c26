"""Backup and restore: the database and the files kept beside it, in one folder with a manifest.

A backup is a folder `zhaoshang-backup-<UTC time>/`:

- `database.pgdump` (PostgreSQL, `pg_dump --format=custom`: one consistent snapshot) or `database.sqlite3`
  (SQLite's online backup API: consistent while the app runs);
- `files/…`: a copy of `ZS_FILES_DIR` (attachments), when it exists;
- `manifest.json`: format, time, database kind, the schema revision, the number of rows per table, the audit
  chain's length and head hash (an anchor kept outside the database: a later `audit-verify` plus this head
  shows the history up to the backup was not rewritten), and the SHA-256 and size of every file.

`restore` checks every checksum before it touches anything, refuses a database that already holds data unless
told to replace it, loads the dump, copies the files back, then compares the row counts and the audit head
with the manifest. Run it with the app stopped; afterwards `alembic upgrade head` brings an older backup up to
the running version's schema (see docs/deployment.md).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, inspect, make_url, text
from sqlalchemy.engine import URL

from app.audit import anchors

FORMAT = "zhaoshang-backup/1"
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
FILES = "files"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in words an operator can act on."""


@dataclass(frozen=True)
class Summary:
    folder: Path
    manifest: dict[str, Any]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes by environment, never argv."""
    args = ["--dbname", url.database or ""]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools
    if done.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} 失败 (exit {done.returncode}): {done.stderr.strip()[-2000:]}")


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("内存中的 SQLite 数据库无法备份 (an in-memory database has nothing to back up)")
    return Path(url.database)


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per application table (every table but Alembic's own), in one transaction."""
    names = sorted(n for n in inspect(engine).get_table_names() if n != "alembic_version")
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        return {n: int(conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one()) for n in names}  # noqa: S608


def _audit_heads(engine: Engine, conn: Connection) -> list[tuple[int, str]]:
    if "stream" in {c["name"] for c in inspect(engine).get_columns("audit_event")}:
        return anchors.heads(conn)
    row = conn.execute(text("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")).first()  # before streams
    return [(int(row[0]), str(row[1]))] if row else []


def _state(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        streams = _audit_heads(engine, conn)
    return {"revision": revision, "audit_head": {"id": streams[-1][0], "hash": streams[-1][1]} if streams else None,
            "audit_heads": [{"id": audit_id, "hash": digest} for audit_id, digest in streams],
            "tables": table_counts(engine)}


def _files_of(root: Path) -> list[dict[str, Any]]:
    return [{"path": p.relative_to(root).as_posix(), "size": p.stat().st_size, "sha256": sha256_of(p)}
            for p in sorted(root.rglob("*")) if p.is_file()]


def backup(database_url: str, files_dir: Path, out_dir: Path) -> Summary:
    """Writes a new backup folder under `out_dir` and returns it with its manifest."""
    url = make_url(database_url)
    stamp = datetime.now(UTC)
    folder = out_dir / f"zhaoshang-backup-{stamp:%Y%m%dT%H%M%SZ}"
    if folder.exists():
        raise BackupError(f"{folder} 已存在 (already exists)")
    folder.mkdir(parents=True)
    engine = create_engine(url)
    try:
        state = _state(engine)
        if url.get_backend_name() == "postgresql":
            args, env = _libpq(url)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / PG_DUMP),
                  *args], env)
            dump = PG_DUMP
        else:
            with sqlite3.connect(_sqlite_path(url)) as src, sqlite3.connect(folder / SQLITE_COPY) as dst:
                src.backup(dst)
            dump = SQLITE_COPY
    finally:
        engine.dispose()
    if files_dir.is_dir():
        shutil.copytree(files_dir, folder / FILES)
    manifest = {
        "format": FORMAT, "created_at": stamp.isoformat(), "database": url.get_backend_name(), "dump": dump,
        **state, "files": _files_of(folder / FILES) if (folder / FILES).is_dir() else [],
        "dump_sha256": sha256_of(folder / dump), "dump_size": (folder / dump).stat().st_size,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return Summary(folder, manifest)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, after checking every file it lists against its size and SHA-256."""
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} 不是完整的备份：无法读取 {MANIFEST} ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式 {manifest.get('format')!r}（应为 {FORMAT}）")
    dump = folder / manifest["dump"]
    if not dump.is_file() or sha256_of(dump) != manifest["dump_sha256"]:
        raise BackupError(f"数据库备份文件 {dump.name} 缺失或已损坏（校验和不符）")
    for entry in manifest["files"]:
        path = folder / FILES / entry["path"]
        if not path.is_file() or path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(f"附件 {entry['path']} 缺失或已损坏（校验和不符）")
    return manifest


def _has_data(engine: Engine) -> bool:
    return any(n != "alembic_version" for n in inspect(engine).get_table_names())


def _wipe_postgres(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


def restore(database_url: str, files_dir: Path, folder: Path, *, replace: bool = False) -> list[str]:
    """Loads a backup into the configured database and files folder; returns the differences found afterwards
    between the restored database and the manifest (none when all is well)."""
    manifest = read_manifest(folder)
    url = make_url(database_url)
    if manifest["database"] != url.get_backend_name():
        raise BackupError(f"备份来自 {manifest['database']}，当前数据库是 {url.get_backend_name()}："
                          "请用同类数据库恢复（跨库迁移不在此命令范围内）")
    engine = create_engine(url)
    try:
        if _has_data(engine) and not replace:
            raise BackupError("目标数据库已有数据。确认要用备份替换它，请加 --replace（现有数据将被删除）")
        if url.get_backend_name() == "postgresql":
            _wipe_postgres(engine)
            engine.dispose()
            args, env = _libpq(url)
            _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                  *args, str(folder / PG_DUMP)], env)
        else:
            engine.dispose()
            target = _sqlite_path(url)
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".restoring")
            shutil.copyfile(folder / SQLITE_COPY, tmp)
            os.replace(tmp, target)  # atomic: the old file or the whole backup, never half
        if files_dir.exists():
            shutil.rmtree(files_dir)
        if (folder / FILES).is_dir():
            shutil.copytree(folder / FILES, files_dir)
        after = _state(engine)
    finally:
        engine.dispose()
    problems = [f"表 {t}: 备份 {n} 行，恢复后 {after['tables'].get(t)} 行"
                for t, n in manifest["tables"].items() if after["tables"].get(t) != n]
    if after["audit_head"] != manifest["audit_head"]:
        problems.append(f"审计链末端不符：备份 {manifest['audit_head']}，恢复后 {after['audit_head']}")
    if after["revision"] != manifest["revision"]:
        problems.append(f"数据库结构版本不符：备份 {manifest['revision']}，恢复后 {after['revision']}")
    return problems
