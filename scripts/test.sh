#!/usr/bin/env bash
# The whole suite: type check, lint, unit + integration tests (real nats-server, real PGlite or
# DATABASE_URL's PostgreSQL), then Playwright end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
echo "== type check"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== unit and integration tests"; bash scripts/test-node.sh
echo "== end-to-end tests"; bash scripts/ensure-build.sh && npx playwright test
