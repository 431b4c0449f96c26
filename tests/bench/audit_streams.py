"""Benchmark of the audit streams (issue 10): how many audited write transactions commit per second when
writers in separate processes all append to one chain (each waits for the one before it to commit, as before
the streams) against the 16 streams side by side. Writes its section of docs/benchmarks.md
(`<!-- audit:begin -->` … `<!-- audit:end -->`).

    .venv/bin/python -m tests.bench.audit_streams [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

A database is created on the server of `--url`, migrated, and dropped at the end. Each transaction creates one
enterprise (one audited row, its feed entry, one audit row) and commits for real. The two modes alternate,
`--rounds` times each, so that whatever else the machine does falls on both alike.
"""

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.bench.city import SECRET, write_section
from tests.bench.run import machine
from tests.conftest import scratch_database

ROOT = Path(__file__).resolve().parents[2]


def _writer(url: str, one_chain: bool, seconds: float, start: Any, out: Any) -> None:
    """One process: audited enterprise creates, each its own committed transaction, until `seconds` pass."""
    sys.path.insert(0, str(ROOT / "backend"))
    os.environ.update({"ZS_ENVIRONMENT": "test", "ZS_SECRET_KEY": SECRET, "ZS_DATABASE_URL": url})
    from sqlmodel import Session

    from app import hooks
    from app.audit.service import STREAM
    from app.core.config import get_settings
    from app.core.db import make_engine
    from app.enterprises.models import Enterprise

    hooks.install_session_hooks()
    engine = make_engine(url, get_settings())
    latencies: list[float] = []
    start.wait()
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        began = time.perf_counter()
        with Session(engine) as session:
            if one_chain:
                session.info[STREAM] = 0  # every transaction waits for the chain's previous append to commit
            name = f"审计基准{uuid.uuid4().hex}"
            session.add(Enterprise(name=name, name_norm=name))
            session.commit()
        latencies.append((time.perf_counter() - began) * 1000)
    engine.dispose()
    out.put(latencies)


def _cpu_ticks() -> tuple[int, int]:
    """(busy, all) jiffies of the whole machine so far (Linux /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def measure(url: str, writers: int, seconds: float, one_chain: bool) -> dict[str, float]:
    """Transactions per second, their p50 and p95 (ms), and how busy the machine's CPUs were (%)."""
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(writers + 1), ctx.Queue()  # this process starts the clock with the writers
    procs = [ctx.Process(target=_writer, args=(url, one_chain, seconds, start, out)) for _ in range(writers)]
    for proc in procs:
        proc.start()
    start.wait(timeout=120)  # the writers have made their imports and connections
    before = _cpu_ticks()
    time.sleep(seconds)
    after = _cpu_ticks()
    busy_percent = 100 * (after[0] - before[0]) / max(after[1] - before[1], 1)
    latencies = [ms for _ in procs for ms in out.get(timeout=120)]
    for proc in procs:
        proc.join(30)
    latencies.sort()
    return {"per_s": len(latencies) / seconds, "p50": statistics.median(latencies),
            "p95": latencies[int(len(latencies) * 0.95) - 1], "cpu": busy_percent}


def _verified(url: str) -> int:
    env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "test", "ZS_SECRET_KEY": SECRET,
           "PYTHONPATH": str(ROOT / "backend")}
    done = subprocess.run([sys.executable, "-m", "app.cli", "audit-verify"], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True)
    print(done.stdout.strip().splitlines()[0] if done.stdout else done.stderr, flush=True)
    return done.returncode


def section(results: dict[str, list[dict[str, float]]], writers: int, seconds: float, verified: bool) -> list[str]:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["<!-- audit:begin -->", "## Audit streams (issue 10)", "",
             f"Measured {now} by `python -m tests.bench.audit_streams` on {machine()}: {writers} writer processes "
             f"on a fresh migrated PostgreSQL database, each creating enterprises for {seconds:.0f} s, one committed "
             "transaction per enterprise (one audit row each); the two ways alternate, "
             f"{len(next(iter(results.values())))} rounds each; every round's figures below, in order.", "",
             "| appending to | transactions/s | p50 | p95 | CPUs busy |", "|---|---|---|---|---|"]
    for mode, rounds in results.items():
        figures = [", ".join(f"{r[key]:{spec}}" for r in rounds) for key, spec in
                   (("per_s", ".0f"), ("p50", ".1f"), ("p95", ".1f"), ("cpu", ".0f"))]
        lines.append(f"| {mode} | {figures[0]} | {figures[1]} ms | {figures[2]} ms | {figures[3]} % |")
    one, many = (statistics.median(r["per_s"] for r in rounds) for rounds in results.values())
    return [*lines, "", f"Median of the rounds: {many:.0f} against {one:.0f} transactions/s ({many / one:.2f}×). "
            f"`zhaoshang audit-verify` afterwards: {'clean' if verified else '**problems found**'}.",
            "<!-- audit:end -->"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {"one chain (as before the streams)": [], "16 streams": []}
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.url, Path(tmp), "zs_bench_audit") as url:
        env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "test", "ZS_SECRET_KEY": SECRET}
        subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env, check=True,  # noqa: S603
                       capture_output=True)
        for _ in range(args.rounds):
            for mode in results:
                results[mode].append(measure(url, args.writers, args.seconds, mode.startswith("one")))
                print(mode, results[mode][-1], flush=True)
        verified = _verified(url) == 0
    write_section(Path(args.out), section(results, args.writers, args.seconds, verified), name="audit")


if __name__ == "__main__":
    main()
