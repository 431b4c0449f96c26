#!/usr/bin/env bash
# While issue 3's models settle: rebuild its single migration from the models (nothing has shipped it yet).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f migrations/versions/*_records_*.py
tmp=$(mktemp -d)
export ZS_DATABASE_URL="sqlite:///$tmp/regen.db"
.venv/bin/alembic upgrade head >/dev/null 2>&1
.venv/bin/alembic revision --autogenerate --rev-id b2c3d4e5f601 -m "records: enterprises leads visits events projects funds" >/dev/null 2>&1
rm -rf "$tmp"
.venv/bin/ruff check --fix -q migrations >/dev/null 2>&1 || true
ls migrations/versions/*_records_*.py
