#!/usr/bin/env bash
# Fault tests on the real server process (dist/server.mjs) with their own nats-server and
# database: graceful shutdown, NATS and database outages, kill -9 under load. Slower than the
# unit suite (each injects outages of ~10 s), so they are a suite of their own that .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-build.sh >/dev/null
mapfile -t files < <(find testing/faults -name '*.faults.ts' | sort)
exec node --import tsx --test --test-concurrency=1 "${files[@]}"
