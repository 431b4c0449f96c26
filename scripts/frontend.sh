#!/usr/bin/env bash
# The SPA (frontend/): install | build | check [STEP...]
#   install  npm ci when package-lock.json changed; Debian's Chromium and a CJK font when missing (for e2e)
#   build    frontend/dist/ (served by the backend at /), with the initial-JS size budget
#   check    typecheck lint api test build e2e (or just the steps named)
# Idempotent and quiet on success: one line per step; a failing step prints its whole output.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false NO_COLOR=1

die() { echo "frontend: $*" >&2; exit 1; }

# run LABEL CMD...: output only on failure; sets $out to the captured output
run() {
  local label=$1; shift
  local log; log=$(mktemp)
  if "$@" >"$log" 2>&1; then
    out=$(cat "$log"); rm -f "$log"
  else
    local rc=$?
    echo "frontend: $label FAILED (exit $rc)" >&2
    grep -v 'Unknown user config "nodedir"' "$log" >&2 || true
    rm -f "$log"; exit "$rc"
  fi
}

ensure_node_modules() {
  command -v npm >/dev/null 2>&1 || die "Node.js 20.19+ with npm is required"
  local stamp="node_modules/.zs-installed"
  local want; want="$(sha256sum package-lock.json | cut -c1-16) $(node --version)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    run "npm ci" npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
    echo "frontend: npm ci done"
  fi
}

ensure_browser() {
  if [ -x /usr/bin/chromium ] && dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then return; fi
  command -v apt-get >/dev/null 2>&1 || die "install Chromium at /usr/bin/chromium and a CJK font for the browser tests"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  run "apt-get update" $sudo apt-get update -qq
  run "apt-get install chromium" env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei
  echo "frontend: installed chromium and fonts-wqy-microhei"
}

summary() { # the test runners' closing counts as one plain line
  local label=$1 passed=$2 failed=$3
  echo "frontend $label: ${passed:-0} passed, ${failed:-0} failed"
}

step() {
  case $1 in
    typecheck) run typecheck npm run --silent typecheck; echo "frontend: typecheck ok" ;;
    lint) run lint npm run --silent lint; echo "frontend: lint ok" ;;
    api) run "check:api (stale client?)" npm run --silent check:api
      run "labels (stale? python scripts/gen_labels.py)" ../.venv/bin/python ../scripts/gen_labels.py --check
      echo "frontend: API client and labels up to date" ;;
    test)
      run "unit tests" npx --no-install vitest run --reporter=dot
      summary "unit tests" "$(grep -oE 'Tests +[0-9]+ passed' <<<"$out" | grep -oE '[0-9]+' | head -1)" \
        "$(grep -oE '[0-9]+ failed' <<<"$out" | grep -oE '[0-9]+' | head -1)" ;;
    build)
      run build npm run --silent build
      echo "frontend: built dist/ — $(grep -m1 '^initial JS' <<<"$out")" ;;
    e2e)
      ensure_browser
      [ -f dist/index.html ] || step build
      run "browser tests" npm run --silent e2e
      summary "browser tests" "$(grep -oE '^# pass [0-9]+' <<<"$out" | grep -oE '[0-9]+')" \
        "$(grep -oE '^# fail [0-9]+' <<<"$out" | grep -oE '[0-9]+')"
      echo "frontend: screenshots in test-artifacts/e2e/" ;;
    *) die "unknown check step '$1' (typecheck lint api test build e2e)" ;;
  esac
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  install) ensure_node_modules; ensure_browser ;;
  build) ensure_node_modules; step build ;;
  check)
    ensure_node_modules
    steps=("$@"); [ ${#steps[@]} -gt 0 ] || steps=(typecheck lint api test build e2e)
    for s in "${steps[@]}"; do step "$s"; done ;;
  *) echo "usage: scripts/frontend.sh install | build | check [typecheck lint api test build e2e]" >&2; exit 2 ;;
esac
