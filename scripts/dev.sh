#!/usr/bin/env bash
# One command for a newcomer: install, build the SPA if Node is there, migrate and seed SQLite, serve on :8000.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ -f frontend/package.json ] && [ -x scripts/frontend.sh ] && command -v npm >/dev/null 2>&1; then
  ./scripts/frontend.sh build || echo "前端构建失败，仅提供 API (frontend build failed; serving the API only)" >&2
fi
export ZS_ENVIRONMENT=${ZS_ENVIRONMENT:-development}
.venv/bin/alembic upgrade head
.venv/bin/zhaoshang seed --demo-data
.venv/bin/zhaoshang progress-rollup  # after an upgrade that changed a metric: builds what is missing
# the background worker (rule-change rebuilds and later jobs) on the embedded SQLite queue in var/
.venv/bin/huey_consumer app.worker.huey -w 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo
echo "招商引资管理平台: http://127.0.0.1:8000   API docs: http://127.0.0.1:8000/docs"
.venv/bin/uvicorn app.asgi:app --app-dir backend --host 127.0.0.1 --port "${PORT:-8000}" --no-proxy-headers
