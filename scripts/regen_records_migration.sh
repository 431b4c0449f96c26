#!/usr/bin/env bash
# Rebuilds the (not yet shipped) records-and-progress migration from the models. Delete this script once
# that migration has been applied anywhere that matters: from then on every change is a new migration.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${VENV:-.venv}/bin
rm -f migrations/versions/*_records_*.py
tmp=$(mktemp -d)
export ZS_DATABASE_URL="sqlite:///$tmp/regen.db" ZS_ENVIRONMENT=development
"$PY/alembic" upgrade head >/dev/null
"$PY/alembic" revision --autogenerate --rev-id b2c3d4e5f601 \
  -m "records and progress: enterprises leads visits events projects funds targets quarters" >/dev/null
rm -rf "$tmp"
"$PY/ruff" check --fix -q migrations >/dev/null 2>&1 || true
ls migrations/versions/*_records_*.py
