#!/usr/bin/env bash
# Every test: lint, the strict type check (mypy), the backend suite on SQLite and on PostgreSQL, `alembic check`
# on both, the fault suite's smoke, then the SPA checks.
# PostgreSQL is used when reachable at ZS_PG_URL; under CI it is required.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
PG_URL=${ZS_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
# unset, the app is production: the tests and the `alembic check` below run as test, with a throwaway key
export ZS_ENVIRONMENT=test
ZS_SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')
export ZS_SECRET_KEY

pg_reachable() {
  .venv/bin/python - "$PG_URL" <<'PY' >/dev/null 2>&1
import sys, sqlalchemy
sqlalchemy.create_engine(sys.argv[1]).connect().close()
PY
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

start_pytest() {  # a suite in the background, its output in $logs/<label>.log and its exit status in .rc
  local label=$1; shift
  ( set +e; .venv/bin/pytest -q -p no:cacheprovider --basetemp="$logs/$label-tmp" "$@" >"$logs/$label.log" 2>&1
    echo $? >"$logs/$label.rc" ) &
}

finish_pytest() {  # print a suite's output; pytest's exit 5 (no tests collected) fails here, never a silent pass
  local label=$1 rc
  wait
  echo "== backend tests on $label"
  cat "$logs/$label.log" || true
  rc=$(cat "$logs/$label.rc" 2>/dev/null || echo 1)  # no status written: the suite did not finish, a failure
  if [ "$rc" -eq 5 ]; then echo "no tests were collected on $label" >&2; exit 1; fi
  if [ "$rc" -ne 0 ]; then echo "backend tests on $label failed (exit $rc)" >&2; return "$rc"; fi
}

# tests/deploy runs Debian's nginx in front of the app (no Docker engine here): install it when missing
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== installing nginx-light for the proxy tests"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null 2>&1 \
         && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1; } \
    || echo "could not install nginx: the proxy tests will skip (CI fails them)" >&2
fi

echo "== lint"
.venv/bin/ruff check backend tests migrations scripts
echo "== type check (mypy strict, configured in pyproject.toml)"
.venv/bin/mypy

if ! pg_reachable && [ "${CI:-}" = "true" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  sleep 2
fi
# the two suites run side by side (one core each); each has its own database, temp folder and Redis databases
echo "== backend tests on SQLite and PostgreSQL (side by side; their output follows when both are done)"
start_pytest SQLite tests
with_pg=false
if pg_reachable; then
  with_pg=true
  ZS_TEST_DATABASE_URL="$PG_URL" ZS_TEST_REDIS_URL=redis://127.0.0.1:6379/11 \
    ZS_TEST_WEBHOOK_REDIS_URL=redis://127.0.0.1:6379/12 start_pytest PostgreSQL tests
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_URL; CI must run the suite on it" >&2
  wait
  exit 1
else
  echo "== PostgreSQL not reachable at $PG_URL: skipped the PostgreSQL run (CI requires it)"
fi
failed=0
finish_pytest "SQLite" || failed=1
if $with_pg; then finish_pytest "PostgreSQL" || failed=1; fi
[ $failed -eq 0 ] || exit 1

tmpdb=$(mktemp -d)
ZS_DATABASE_URL="sqlite:///$tmpdb/check.db" .venv/bin/alembic -c alembic.ini upgrade head >/dev/null 2>&1
ZS_DATABASE_URL="sqlite:///$tmpdb/check.db" .venv/bin/alembic -c alembic.ini check
rm -rf "$tmpdb"

if $with_pg; then
  checkdb="zs_check_$$"
  .venv/bin/python - "$PG_URL" "$checkdb" <<'PY'
import sys, sqlalchemy
e = sqlalchemy.create_engine(sys.argv[1], isolation_level="AUTOCOMMIT")
with e.connect() as c:
    c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"'); c.exec_driver_sql(f'CREATE DATABASE "{sys.argv[2]}"')
PY
  url="${PG_URL%/*}/$checkdb"
  ZS_DATABASE_URL="$url" .venv/bin/alembic upgrade head >/dev/null 2>&1
  ZS_DATABASE_URL="$url" .venv/bin/alembic check
  ZS_DATABASE_URL="$url" .venv/bin/alembic downgrade base >/dev/null 2>&1
  .venv/bin/python - "$PG_URL" "$checkdb" <<'PY'
import sys, sqlalchemy
e = sqlalchemy.create_engine(sys.argv[1], isolation_level="AUTOCOMMIT")
with e.connect() as c:
    c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PY
fi

# the fault suite's smoke (tests/load/faults.py): SQLite always; PostgreSQL on a throwaway cluster of its own
# (never the shared one), so it needs the server binaries and root (runuser) rather than a reachable PG_URL
fault_dbs=sqlite
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  fault_dbs=both
elif [ "${CI:-}" = "true" ]; then
  echo "the fault suite needs PostgreSQL's server binaries and root under CI" >&2
  exit 1
else
  echo "== no PostgreSQL server binaries (or not root): the fault smoke runs on SQLite only"
fi
echo "== fault suite smoke ($fault_dbs)"
.venv/bin/python -m tests.load.faults --smoke --db "$fault_dbs"

if [ -x scripts/frontend.sh ] && [ -f frontend/package.json ]; then
  echo "== frontend"
  ./scripts/frontend.sh install
  ./scripts/frontend.sh check
fi
echo "== all tests passed"
