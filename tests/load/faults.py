"""The fault suite (issue 10): concurrent writers with an Idempotency-Key on every POST, the app and the
database killed and restarted under them, then every acknowledged write must exist exactly once and the
rollups and the audit chain must verify.

    .venv/bin/python -m tests.load.faults [--smoke] [--db sqlite|postgresql|both] [--write]

PostgreSQL runs on a throwaway cluster of the suite's own (initdb into a temporary folder, a free port), so
killing it harms nobody; the app is `uvicorn app.asgi:app` (one worker) as a subprocess. Faults: kill -9 of
the app (restarted), `pg_ctl restart -m fast`, kill -9 of the postmaster (started again); on SQLite, kill -9
of the app. Writers retry with the same key on a connection error, 502/503/504 and 409 "same key still in
progress"; every 2xx is an acknowledged write. A full run writes its figures into docs/benchmarks.md between
`<!-- load:begin -->` and `<!-- load:end -->`; `--smoke` (CI) writes nothing unless `--write` is given. The
exit status is non-zero when any check fails.
"""

import argparse
import contextlib
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from tests.bench.city import SECRET, World, summary, write_request, write_section
from tests.bench.run import machine

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
KINDS = ["visit", "lead", "project", "enterprise"]
MARKED = {"visit": ("visit", "outcome"), "lead": ("lead", "description"), "project": ("project", "name"),
          "enterprise": ("enterprise", "name")}  # where each kind's Idempotency-Key is written
IN_PROGRESS = "/problems/idempotency-in-progress"
RETRY_STATUSES = {502, 503, 504}
RETRY_PAUSE_S = 0.5  # a client's longest pause before retrying (Retry-After is read, capped at this)
GRACE_S = 5  # a 503 this long after a fault's first successful write still belongs to the fault


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(proc.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Cluster:
    """A PostgreSQL cluster of the suite's own in `root`, owned by the postgres user, on a free port."""

    def __init__(self, root: Path) -> None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        if not versions:
            raise SystemExit("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = versions[-1].parent
        self.root, self.data, self.log = root, root / "data", root / "postgres.log"
        self.port = free_port()
        root.mkdir()
        root.parent.chmod(0o711)  # a temporary folder is root's own: the postgres user only passes through it
        shutil.chown(root, "postgres")
        self._as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                           "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"])
        self.start()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, argv: list[str]) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=True,  # noqa: S603, S607
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.root)

    def _ctl(self, *args: str) -> None:
        self._as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                           *args, "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"])

    def start(self) -> None:
        self._ctl("start")

    def restart_fast(self) -> None:
        self._ctl("restart", "-m", "fast")

    def kill_postmaster(self) -> None:
        """kill -9 of the postmaster; its backends notice and end (any left after 10 s are killed too), then
        the cluster is started again and recovers from its WAL."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        backends = children_of(pid)
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(alive(p) for p in backends) and time.monotonic() < deadline:
            time.sleep(0.05)
        for p in backends:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
        for attempt in range(20):
            try:
                self.start()
                return
            except subprocess.CalledProcessError:  # the old shared memory is still being let go
                if attempt == 19:
                    raise
                time.sleep(0.25)

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop", "-m", "immediate")


class App:
    """One uvicorn worker of the app against `url`, on a fixed port so a restart answers where it did."""

    def __init__(self, url: str, log: Path) -> None:
        self.url, self.port = url, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log.open("a")
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        env = {**os.environ, "ZS_DATABASE_URL": self.url, "ZS_ENVIRONMENT": "test", "ZS_SECRET_KEY": SECRET,
               "ZS_FRONTEND_DIST": "/nonexistent", "ZS_JOBS_URL": "immediate"}
        self.proc = subprocess.Popen(  # noqa: S603 - our own uvicorn with fixed arguments
            [str(VENV / "uvicorn"), "app.asgi:app", "--app-dir", "backend", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", "1", "--log-level", "warning", "--no-access-log"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{self.base}/api/v1/health", timeout=2)
                return
            except httpx.TransportError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise
                time.sleep(0.1)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "test", "ZS_SECRET_KEY": SECRET,
           "ZS_JOBS_URL": "immediate"}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # noqa: S603


def prepare(url: str) -> None:
    """Schema and the demo city (units, users, records) through the project's own commands."""
    for argv in ([str(VENV / "alembic"), "upgrade", "head"],
                 [str(VENV / "zhaoshang"), "seed", "--demo-users", "--demo-data"]):
        done = cli(url, *argv)
        if done.returncode:
            raise SystemExit(f"{' '.join(argv[-3:])} failed:\n{done.stdout}\n{done.stderr}")


@dataclass
class Attempt:
    sent: float
    done: float
    status: int  # 0: no answer (connection refused, reset or timed out)
    retry_after: bool = False
    problem: str = ""  # the problem type of an error answer


@dataclass
class Ledger:
    """What the clients saw: every attempt, and every write's key with the id of its acknowledged answer."""

    attempts: list[Attempt] = field(default_factory=list)
    tried: dict[str, str] = field(default_factory=dict)  # key → kind
    acked: dict[str, tuple[str, int]] = field(default_factory=dict)  # key → (kind, id)
    ack_ms: list[float] = field(default_factory=list)  # first attempt to acknowledgement, retries included
    refused: Counter = field(default_factory=Counter)  # (kind, status) of 4xx answers: nothing written
    unanswered: int = 0  # writes given up after 120 s of retries
    lock: threading.Lock = field(default_factory=threading.Lock)


def post_until_answered(client: httpx.Client, ledger: Ledger, kind: str, path: str, body: dict,
                        headers: dict[str, str], key: str) -> None:
    started = time.monotonic()
    with ledger.lock:
        ledger.tried[key] = kind
    while True:
        sent = time.monotonic()
        try:
            r = client.post(path, json=body, headers={**headers, "Idempotency-Key": key})
        except httpx.TransportError:
            with ledger.lock:
                ledger.attempts.append(Attempt(sent, time.monotonic(), 0))
            pause = 0.2
        else:
            with ledger.lock:
                problem = r.json().get("type", "") if r.headers.get("content-type", "").startswith(
                    "application/problem+json") else ""
                ledger.attempts.append(Attempt(sent, time.monotonic(), r.status_code, "retry-after" in r.headers,
                                               problem))
            if 200 <= r.status_code < 300:
                with ledger.lock:
                    ledger.acked[key] = (kind, r.json()["id"])
                    ledger.ack_ms.append((time.monotonic() - started) * 1000)
                return
            if r.status_code in RETRY_STATUSES:
                with contextlib.suppress(ValueError):
                    pause = min(float(r.headers.get("retry-after", RETRY_PAUSE_S)), RETRY_PAUSE_S)
            elif r.status_code == 409 and r.headers.get("content-type", "").startswith("application/problem+json") \
                    and r.json().get("type") == IN_PROGRESS:
                pause = 0.2
            else:
                with ledger.lock:
                    ledger.refused[(kind, r.status_code)] += 1
                return
        if time.monotonic() - started > 120:
            with ledger.lock:
                ledger.unanswered += 1
            return
        time.sleep(pause)


def writer(n: int, base: str, world: World, ledger: Ledger, stop: threading.Event, prefix: str) -> None:
    import random

    rng = random.Random(n)
    unit, headers = world.writers[n % len(world.writers)]
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set():
            key = f"{prefix}{uuid.uuid4().hex}"
            kind, path, body = write_request(world, unit, rng.choice(KINDS), rng, key)
            post_until_answered(client, ledger, kind, path, body, headers, key)


@dataclass
class Fault:
    name: str
    inject: Callable[[], None]
    at: float = 0.0
    injected_s: float = 0.0  # how long the fault itself took (kill and restart: until it was back)
    recovered_s: float | None = None  # fault to the first acknowledged write sent once it was back


def stored(url: str, prefix: str) -> dict[str, list[tuple[str, int]]]:
    """Every record carrying one of this run's keys: key → [(kind, id), …]."""
    found: dict[str, list[tuple[str, int]]] = {}
    pattern = re.compile(re.escape(prefix) + "[0-9a-f]{32}")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for kind, (table, column) in MARKED.items():
                rows = conn.execute(text(f"SELECT id, {column} FROM {table} WHERE {column} LIKE :p"),  # noqa: S608
                                    {"p": f"%{prefix}%"})
                for row_id, value in rows:
                    for key in pattern.findall(value):
                        found.setdefault(key, []).append((kind, row_id))
    finally:
        engine.dispose()
    return found


def run_one(db: str, smoke: bool, root: Path) -> dict[str, Any]:
    writers = 4 if smoke else (16 if db == "postgresql" else 32)
    warm, gap, tail = (4, 6, 3) if smoke else (30, 25, 15)
    cluster = Cluster(root / "pg") if db == "postgresql" else None
    url = cluster.url if cluster else f"sqlite:///{root / 'sqlite' / 'load.db'}"
    if cluster is None:
        (root / "sqlite").mkdir()
    app = None
    try:
        started = time.monotonic()
        prepare(url)
        world = World(url)
        app = App(url, ROOT / "var" / f"load-{db}.log")
        setup_s = time.monotonic() - started
        faults = [Fault("kill -9 of the app, restarted", lambda: (app.kill(), app.start()))]
        if cluster is not None:
            faults += [Fault("`pg_ctl restart -m fast`", cluster.restart_fast),
                       Fault("kill -9 of the postmaster, started again", cluster.kill_postmaster)]
        ledger, stop, prefix = Ledger(), threading.Event(), f"flt{uuid.uuid4().hex[:6]}-"
        threads = [threading.Thread(target=writer, args=(n, app.base, world, ledger, stop, prefix), daemon=True)
                   for n in range(writers)]
        began = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(warm)
        for fault in faults:
            print(f"   {db}: {fault.name}", flush=True)
            fault.at = time.monotonic()
            fault.inject()
            fault.injected_s = time.monotonic() - fault.at
            time.sleep(gap)
        time.sleep(tail)
        stop.set()
        for t in threads:
            t.join(180)
        seconds = time.monotonic() - began
        result = judge(db, url, ledger, faults, prefix)
        result.update(writers=writers, seconds=seconds, setup_s=setup_s, began=began)
        return result
    finally:
        if app is not None:
            app.stop()
        if cluster is not None:
            cluster.stop()


def last_line(output: str) -> str:
    return (output.strip().splitlines() or [""])[-1]


def judge(db: str, url: str, ledger: Ledger, faults: list[Fault], prefix: str) -> dict[str, Any]:
    attempts = sorted(ledger.attempts, key=lambda a: a.sent)
    windows = []
    for fault in faults:
        # sent once the app or the database was back: a backend outliving its killed postmaster for a moment,
        # or a request already in the app, can still answer right after the fault
        ok = [a.done for a in attempts if a.sent >= fault.at + fault.injected_s and 200 <= a.status < 300]
        fault.recovered_s = min(ok) - fault.at if ok else None
        end = (min(ok) if ok else float("inf")) + GRACE_S
        windows.append((fault.at, end))

    def in_fault(a: Attempt) -> bool:
        return any(start <= a.sent <= end or start <= a.done <= end for start, end in windows)

    calm = [(a.done - a.sent) * 1000 for a in attempts if 200 <= a.status < 300 and not in_fault(a)]
    busy = [a for a in attempts if a.status == 503]
    outside = [a for a in busy if not in_fault(a)]
    for fault in faults:
        print(f"{fault.name}: at {fault.at - faults[0].at:+.1f} s, back after {fault.injected_s:.1f} s, "
              f"recovered after {fault.recovered_s} s", file=sys.stderr)
    for a in outside:
        print(f"503 outside a fault: {a.problem} sent {a.sent - faults[0].at:+.1f} s from the first fault, "
              f"answered after {a.done - a.sent:.1f} s", file=sys.stderr)
    server_errors = Counter(a.status for a in attempts if a.status >= 500 and a.status not in RETRY_STATUSES)
    other_retries = Counter(a.status for a in attempts if a.status in (502, 504))
    no_answer = sum(1 for a in attempts if a.status == 0)
    in_progress = sum(1 for a in attempts if a.status == 409)
    found = stored(url, prefix)
    lost = [k for k in ledger.acked if k not in found]
    duplicated = [k for k, rows in found.items() if len(rows) > 1]
    wrong = [k for k, (kind, rid) in ledger.acked.items() if k in found and found[k] != [(kind, rid)]]
    strays = [k for k in found if k not in ledger.tried]
    rollup = cli(url, str(VENV / "zhaoshang"), "progress-rollup", "--check")
    audit = cli(url, str(VENV / "zhaoshang"), "audit-verify")
    checks = {
        "every acknowledged write stored": (not lost, f"{len(lost)} lost"),
        "no write stored twice": (not duplicated, f"{len(duplicated)} duplicated"),
        "each stored write is the one acknowledged (same kind and id)": (not wrong and not strays,
                                                                         f"{len(wrong) + len(strays)} differ"),
        "`zhaoshang progress-rollup --check`": (rollup.returncode == 0, last_line(rollup.stdout)),
        "`zhaoshang audit-verify`": (audit.returncode == 0, last_line(audit.stdout.split("证明范围")[0])),
        "every fault recovered (an acknowledged write after it)": (all(f.recovered_s is not None for f in faults),
                                                                  ""),
        "every 503 carried Retry-After": (all(a.retry_after for a in busy), f"{len(busy)} × 503"),
        "no 503 outside a fault": (not outside, f"{len(outside)} × 503 outside"),
        "no other 5xx (500)": (not server_errors, dict(server_errors)),
        "no write left unanswered after 120 s of retries": (ledger.unanswered == 0, f"{ledger.unanswered}"),
    }
    if rollup.returncode or audit.returncode:
        print(rollup.stdout[-2000:], rollup.stderr[-2000:], audit.stdout[-2000:], audit.stderr[-2000:], sep="\n")
    return {"db": db, "acked": len(ledger.acked), "tried": len(ledger.tried), "stored": len(found),
            "by_kind": Counter(kind for kind, _ in ledger.acked.values()), "attempts": len(attempts),
            "no_answer": no_answer, "busy": len(busy), "busy_outside": len(outside),
            "busy_retry_after": sum(1 for a in busy if a.retry_after), "other_retries": dict(other_retries),
            "in_progress": in_progress, "refused": dict(ledger.refused), "server_errors": dict(server_errors),
            "ack_ms": summary(ledger.ack_ms), "calm_ms": summary(calm), "faults": faults, "checks": checks}


def report(results: list[dict[str, Any]], smoke: bool) -> list[str]:
    lines = ["<!-- load:begin -->", "## Faults under load (issue 10)", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M UTC} by `python -m tests.load.faults"
             f"{' --smoke' if smoke else ''}` on {machine()}. The app is one uvicorn worker on the demo city "
             "(`zhaoshang seed --demo-users --demo-data`); PostgreSQL is a throwaway cluster of the suite's own. "
             "Each writer is a unit's editor creating visits, leads, projects and enterprises with an "
             "Idempotency-Key on every POST, retrying with the same key on no answer, 502/503/504 and 409 "
             f"\"same key in progress\" (pausing at most {RETRY_PAUSE_S} s, Retry-After read). Recovery: from "
             "the fault to the first acknowledged write sent once the app or the database was back (its kill and "
             f"restart commands done). A 503 counts as during a fault from the fault until {GRACE_S} s after "
             "that write.", ""]
    for r in results:
        f, c = r["ack_ms"], r["calm_ms"]
        kinds = ", ".join(f"{n} {k}s" for k, n in sorted(r["by_kind"].items()))
        lines += [f"### {'PostgreSQL' if r['db'] == 'postgresql' else 'SQLite'}: {r['writers']} concurrent writers, "
                  f"{r['seconds']:.0f} s", "", "| what | measured |", "|---|---|",
                  f"| acknowledged writes | {r['acked']} ({kinds}); {r['acked'] / r['seconds']:.1f}/s over the run; "
                  f"first attempt to acknowledgement p50 {f['p50']:.0f} ms, p95 {f['p95']:.0f} ms, "
                  f"max {f['max']:.0f} ms; one acknowledged POST outside the faults p50 {c['p50']:.0f} ms, "
                  f"p95 {c['p95']:.0f} ms |",
                  f"| writes tried / found stored | {r['tried']} / {r['stored']} |",
                  f"| attempts | {r['attempts']}: {r['no_answer']} without an answer, {r['busy']} × 503 "
                  f"({r['busy_retry_after']} with Retry-After, {r['busy_outside']} outside a fault), "
                  f"{r['in_progress']} × 409 in progress, other 5xx {r['server_errors'] or 0}, "
                  f"502/504 {r['other_retries'] or 0}, refused (4xx) {r['refused'] or 0} |"]
        lines += [f"| {fault.name} | recovered in "
                  f"{'never' if fault.recovered_s is None else f'{fault.recovered_s:.1f} s'} "
                  f"(back after {fault.injected_s:.1f} s, then "
                  f"{'-' if fault.recovered_s is None else f'{fault.recovered_s - fault.injected_s:.1f} s'} to "
                  f"the first write) |" for fault in r["faults"]]
        lines += [""] + [f"- {name}{f' ({detail})' if detail not in ('', [], {}) else ''}: "
                         f"{'pass' if ok else '**FAIL**'}" for name, (ok, detail) in r["checks"].items()] + [""]
    lines += ["<!-- load:end -->"]
    return lines


def main() -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="4 writers, short phases (CI); writes no docs")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md even with --smoke")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    if os.environ.get("ZS_ENVIRONMENT") not in (None, "test", "development"):
        raise SystemExit("run with ZS_ENVIRONMENT=test")
    (ROOT / "var").mkdir(exist_ok=True)
    results = []
    for db in (["sqlite", "postgresql"] if args.db == "both" else [args.db]):
        print(f"== fault suite on {db}{' (smoke)' if args.smoke else ''}", flush=True)
        with tempfile.TemporaryDirectory(prefix="zs-faults-") as tmp:
            results.append(run_one(db, args.smoke, Path(tmp)))
    lines = report(results, args.smoke)
    print("\n".join(lines))
    if args.write or not args.smoke:
        write_section(Path(args.out), lines, "load")
    failed = [f"{r['db']}: {name}" for r in results for name, (ok, _) in r["checks"].items() if not ok]
    for line in failed:
        print(f"FAILED {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
