"""Records the hash of every migration revision in migrations/released.txt.

A revision that has been released (merged on main) must never change again: databases that ran it
carry its id, so editing it in place leaves them on a schema nobody can reproduce.
`tests/test_migration_history.py` fails when a recorded file differs or a file is not recorded;
run this script once when you add a new revision, never to paper over an edited one.
"""

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "migrations" / "versions"
LEDGER = ROOT / "migrations" / "released.txt"


def digest(path: Path) -> str:
    """Hash of the file's text with line endings normalised, so a checkout's autocrlf cannot trip it."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def recorded() -> dict[str, str]:
    if not LEDGER.exists():
        return {}
    pairs = (line.split() for line in LEDGER.read_text().splitlines() if line and not line.startswith("#"))
    return {name: sha for sha, name in pairs}


def current() -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(VERSIONS.glob("*.py"))}


def main() -> int:
    known = recorded()
    now = current()
    changed = [name for name, sha in known.items() if name in now and now[name] != sha]
    if changed:
        print("released migrations changed; add a new revision instead:", *changed, sep="\n  ", file=sys.stderr)
        return 1
    lines = ["# sha256 and file of every released migration revision; see scripts/release_migrations.py"]
    lines += [f"{sha}  {name}" for name, sha in {**known, **now}.items()]
    LEDGER.write_text("\n".join(lines) + "\n")
    added = sorted(set(now) - set(known))
    print("recorded:", *added, sep="\n  ") if added else print("nothing new to record")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
