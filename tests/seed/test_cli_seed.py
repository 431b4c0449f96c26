"""What `scripts/dev.sh` runs on a new machine: migrate, `zhaoshang seed --demo-data`, `progress-rollup`,
then the checks an operator runs — each exits 0 on a brand-new database."""

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT, _fresh_database


@pytest.fixture
def blank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _fresh_database(tmp_path_factory)


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZS_DATABASE_URL": url, "ZS_ENVIRONMENT": "development", "ZS_JOBS_URL": "immediate",
           "PYTHONPATH": str(ROOT / "backend")}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=600, check=False)


def test_new_database_seeds_with_demo_data_and_checks_clean(blank: str) -> None:
    steps = [["-m", "alembic", "upgrade", "head"], ["-m", "app.cli", "seed", "--demo-data"],
             ["-m", "app.cli", "progress-rollup"], ["-m", "app.cli", "progress-rollup", "--check"],
             ["-m", "app.cli", "audit-verify"]]
    for step in steps:
        done = _run(blank, *step)
        assert done.returncode == 0, (step, done.stdout[-2000:], done.stderr[-4000:])
