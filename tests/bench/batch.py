"""Benchmark of batch upsert (issue 14): 500 visits in one `POST /api/v1/visits/batch` against 500 single POSTs,
through a live uvicorn server on a fresh migrated database; writes its section of docs/benchmarks.md
(`<!-- batch:begin -->` … `<!-- batch:end -->`).

    .venv/bin/python -m tests.bench.batch [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--sqlite]

`--url` names the PostgreSQL server (a database `zs_bench_batch` is created on it, migrated, seeded and dropped at
the end); `--sqlite` measures a SQLite file as well. Target: 500 visits in one call ≤ 2 s.
"""

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
from tests.bench.city import SECRET, Server, write_section
from tests.bench.run import machine
from tests.conftest import scratch_database

ROOT = Path(__file__).resolve().parents[2]
TARGET_S = 2.0
VISIT = {"visit_date": "2019-06-15", "region": "other", "place": "基准测试", "outcome": "批量写入"}


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new database on the PostgreSQL server of `url` (or a temp SQLite file for `sqlite`), migrated and seeded
    with the units and demo users; dropped afterwards."""
    with tempfile.TemporaryDirectory() as tmp, \
            scratch_database("" if url == "sqlite" else url, Path(tmp), "zs_bench_batch") as db:
        yield _prepared(db)


def _prepared(url: str) -> str:
    env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "test", "ZS_SECRET_KEY": SECRET,
           "PYTHONPATH": str(ROOT / "backend")}
    for step in (["-m", "alembic", "upgrade", "head"], ["-m", "app.cli", "seed", "--demo-users"]):
        subprocess.run([sys.executable, *step], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    return url


def measure(url: str, items: int, rounds: int) -> dict[str, object]:
    server = Server(url, cache=0)
    try:
        with httpx.Client(base_url=server.url, timeout=300) as http:
            token = http.post("/api/v1/auth/token", data={"grant_type": "password", "username": "dcf_editor",
                                                          "password": "zhaoshang-demo"}).raise_for_status().json()
            http.headers["Authorization"] = f"Bearer {token['access_token']}"
            enterprise = http.post("/api/v1/enterprises", json={"name": "批量基准测试企业有限公司"}).raise_for_status()
            body = {**VISIT, "enterprise_id": enterprise.json()["id"]}

            def batch(tag: str) -> list[dict[str, object]]:
                return [{**body, "external_id": f"{tag}-{n}"} for n in range(items)]

            def timed(fn) -> float:  # noqa: ANN001
                t0 = time.perf_counter()
                fn()
                return time.perf_counter() - t0

            def push(payload: list[dict[str, object]], outcome: str) -> None:
                answer = http.post("/api/v1/visits/batch", json={"items": payload}).raise_for_status().json()
                assert answer[outcome] == items, answer

            http.post("/api/v1/visits/batch", json={"items": batch("warm")[:10]}).raise_for_status()
            created, unchanged = [], []
            for r in range(rounds):
                payload = batch(f"r{r}")
                created.append(timed(lambda p=payload: push(p, "created")))
                unchanged.append(timed(lambda p=payload: push(p, "unchanged")))

            def singles() -> None:
                for _ in range(items):
                    http.post("/api/v1/visits", json=body).raise_for_status()
            single = timed(singles)
    finally:
        server.stop()
    return {"created": created, "unchanged": unchanged, "single": single}


def section(results: dict[str, dict[str, object]], items: int, rounds: int, load: float) -> list[str]:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["<!-- batch:begin -->", "## Batch upsert (issue 14)", "",
             f"Measured {now} by `python -m tests.bench.batch` on {machine()}: a fresh migrated database, one "
             f"uvicorn worker over loopback HTTP, a county editor's token; {items} visits per call, {rounds} "
             f"rounds (each a new batch, then the same batch again). Load average when it began: {load:.1f}.", "",
             "| database | one batch call, new records (median, max) | the same batch again, all unchanged "
             f"(median) | {items} single POSTs, one after another | per record: batch / single |",
             "|---|---:|---:|---:|---:|"]
    goals = []
    for db, r in results.items():
        created, unchanged, single = r["created"], r["unchanged"], r["single"]
        assert isinstance(created, list) and isinstance(unchanged, list) and isinstance(single, float)
        med = statistics.median(created)
        lines.append(f"| {db} | {med:.2f} s, {max(created):.2f} s | {statistics.median(unchanged):.2f} s | "
                     f"{single:.2f} s | {med / items * 1000:.1f} ms / {single / items * 1000:.1f} ms |")
        goals.append(f"- {items} visits in one call ≤ {TARGET_S:.0f} s ({db}): "
                     + ("met" if max(created) <= TARGET_S else "**NOT met**")
                     + f" (median {med:.2f} s, slowest {max(created):.2f} s).")
    return [*lines, "", "### Against the goals", "", *goals, "<!-- batch:end -->"]


def main() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--sqlite", action="store_true", help="measure a SQLite file as well")
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    load = os.getloadavg()[0]  # other work on the machine slows every figure below
    results = {}
    for name, url in (("PostgreSQL", args.url), *((("SQLite", "sqlite"),) if args.sqlite else ())):
        with fresh_database(url) as db_url:
            results[name] = measure(db_url, args.items, args.rounds)
        print(name, results[name], flush=True)
    write_section(Path(args.out), section(results, args.items, args.rounds, load), name="batch")


if __name__ == "__main__":
    main()
