"""Command line: `zhaoshang seed`, `audit-verify`, `progress-rollup`, `create-admin`, `backup`, `restore`."""

import argparse
import getpass
import os
import sys
from pathlib import Path

from sqlmodel import Session

from app.audit import anchors
from app.audit.service import verify_chain
from app.backup import service as backups
from app.core import dbroles
from app.core.config import get_settings
from app.core.db import get_engine
from app.hooks import install_session_hooks
from app.progress import rollup
from app.seed import liaocheng
from app.seed.demo import seed_demo_records
from app.seed.service import seed_demo_users, seed_targets, seed_units
from app.users.models import Role
from app.users.schemas import UserCreate
from app.users.service import create_user


def cmd_seed(args: argparse.Namespace) -> int:
    settings = get_settings()
    if settings.environment == "production" and (args.demo_users or args.demo_data):
        what = " and ".join(flag for flag, on in (("--demo-users", args.demo_users), ("--demo-data", args.demo_data))
                            if on)
        print(f"zhaoshang seed: {what} refused with ZS_ENVIRONMENT=production — demo logins share a published "
              "password and demo records would mix with real ones. 生产环境不允许载入演示账号或演示数据；"
              "create the first administrator with `zhaoshang create-admin NAME`.", file=sys.stderr)
        return 2
    with Session(get_engine()) as session, session.begin():
        units = seed_units(session)
        seed_targets(session)
        demo = args.demo_users if args.demo_users is not None else settings.environment == "development"
        users = seed_demo_users(session, units) if demo else []
        records = seed_demo_records(session, units) if args.demo_data else {}
        rollup.sync(session)
    print(f"已载入 {len(units)} 个单位 (units seeded).")
    if records:
        print("演示数据 (demo records): " + ", ".join(f"{n} {what}" for what, n in records.items()))
    if users:
        print(f"演示账号 (demo logins), 密码 password: {liaocheng.DEMO_PASSWORD}")
        for username, role, unit in users:
            print(f"  {username:<16} {role:<12} {unit}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    key = get_settings().secret_key.get_secret_value().encode()
    found, problems = anchors.read([Path(p) for p in args.anchors], key)
    with get_engine().connect() as conn:
        checked, chain_problems = verify_chain(conn)
        problems += chain_problems + anchors.check(conn, found)
    for line in problems:
        print(line)
    print(f"checked {checked} audit rows against {len(found)} anchor(s): "
          f"{'OK' if not problems else f'{len(problems)} problem(s)'}")
    print("证明范围 (what this proves): no row was changed or removed without recomputing the chain after it"
          + (", and the chain still passes through every anchor (so nothing before the newest anchor was "
             "rewritten)" if found else "; give --anchors (checkpoint files, backup manifests) to also rule out "
             "a chain recomputed by the database owner") + ". Not proven: changes after the newest anchor by "
          "someone who owns the database.")
    return 0 if not problems else 1


def cmd_audit_checkpoint(_: argparse.Namespace) -> int:
    settings = get_settings()
    with get_engine().connect() as conn:
        line = anchors.checkpoint(conn, settings.audit_checkpoint_file, settings.secret_key.get_secret_value().encode())
    print(f"checkpoint {line} → {settings.audit_checkpoint_file}" if line else "the audit chain is empty")
    return 0


def cmd_grant_app_role(args: argparse.Namespace) -> int:
    with get_engine().begin() as conn:
        statements = dbroles.grant_app_role(conn, args.role)
    print(f"granted row access to {args.role} ({len(statements)} statements); it owns nothing")
    return 0


def cmd_progress_rollup(args: argparse.Namespace) -> int:
    """Builds missing or stale rollup slices (all with --rebuild), or compares them with the records (--check).

    Needed only after changing records outside the application (COPY, a manual SQL fix: use --rebuild);
    writes through the app and the API keep the rollup current themselves."""
    engine = get_engine()
    if args.check and engine.dialect.name == "postgresql":  # records and rollup read in one snapshot
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with Session(engine) as session, session.begin():
        if args.check:
            problems = rollup.check(session)
            for line in problems:
                print(line)
            print(f"rollup: {'OK' if not problems else f'{len(problems)} problem(s)'}")
            return 0 if not problems else 1
        built = rollup.sync(session, force=args.rebuild)
    print(f"rollup: built {len(built)} slice(s){': ' + ', '.join(built) if built else ''}")
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    password = os.environ.get("ZS_ADMIN_PASSWORD") or getpass.getpass("新管理员密码 (≥10 位): ")
    with Session(get_engine()) as session, session.begin():
        create_user(session, UserCreate(username=args.username, display_name="系统管理员", password=password,
                                        role=Role.admin))
    print(f"created admin {args.username}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    settings = get_settings()
    try:
        done = backups.backup(settings.database_url, settings.files_dir, Path(args.out))
    except backups.BackupError as exc:
        print(f"备份失败 (backup failed): {exc}", file=sys.stderr)
        return 1
    m = done.manifest
    print(f"备份完成 (backup written): {done.folder}")
    print(f"  {sum(m['tables'].values())} rows in {len(m['tables'])} tables, {len(m['files'])} file(s), "
          f"schema {m['revision']}, audit head {m['audit_head']}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    settings = get_settings()
    try:
        problems = backups.restore(settings.database_url, settings.files_dir, Path(args.folder),
                                   replace=args.replace)
    except backups.BackupError as exc:
        print(f"恢复失败 (restore failed): {exc}", file=sys.stderr)
        return 1
    for line in problems:
        print(line)
    if problems:
        return 1
    print("恢复完成，行数与审计链末端均与备份一致 (restored; counts and audit head match the manifest). "
          "Next: alembic upgrade head, zhaoshang audit-verify, zhaoshang progress-rollup --check")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zhaoshang")
    sub = parser.add_subparsers(dest="cmd", required=True)
    seed = sub.add_parser("seed", help="load Liaocheng's units (and demo users in development)")
    seed.add_argument("--demo-users", action=argparse.BooleanOptionalAction, default=None)
    seed.add_argument("--demo-data", action="store_true",
                      help="also load demo records for 2018–2020 (enterprises, leads, visits, events, projects, funds)")
    seed.set_defaults(fn=cmd_seed)
    verify = sub.add_parser("audit-verify", help="verify the audit history hash chain (and its anchors)")
    verify.add_argument("--anchors", nargs="*", default=[], metavar="PATH",
                        help="checkpoint files (audit-checkpoint) and backup folders/manifests")
    verify.set_defaults(fn=cmd_audit_verify)
    sub.add_parser("audit-checkpoint", help="append the chain's signed head to ZS_AUDIT_CHECKPOINT_FILE"
                   ).set_defaults(fn=cmd_audit_checkpoint)
    grant = sub.add_parser("grant-app-role", help="PostgreSQL: row access for the app's role (run as the owner)")
    grant.add_argument("role")
    grant.set_defaults(fn=cmd_grant_app_role)
    roll = sub.add_parser("progress-rollup", help="build (or --check) the progress rollups after a bulk load")
    roll.add_argument("--rebuild", action="store_true", help="rebuild every slice, not only stale ones")
    roll.add_argument("--check", action="store_true", help="compare the rollups with the records")
    roll.set_defaults(fn=cmd_progress_rollup)
    admin = sub.add_parser("create-admin", help="create an administrator")
    admin.add_argument("username")
    admin.set_defaults(fn=cmd_create_admin)
    dump = sub.add_parser("backup", help="back up the database and the files folder (with a manifest)")
    dump.add_argument("--out", default=str(Path("var") / "backups"), help="folder to write the backup into")
    dump.set_defaults(fn=cmd_backup)
    load = sub.add_parser("restore", help="restore a backup folder (app stopped)")
    load.add_argument("folder")
    load.add_argument("--replace", action="store_true", help="replace a database that already holds data")
    load.set_defaults(fn=cmd_restore)
    args = parser.parse_args(argv)
    install_session_hooks()  # seeding, creating an admin and restoring write: history and rollups stay current
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
