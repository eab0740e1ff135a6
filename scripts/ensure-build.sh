#!/usr/bin/env bash
# Builds what is stale: the Next.js pages when there is no build yet or the UI sources changed
# since the last one, and the server bundle (dist/server.mjs, about a second with esbuild) always.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.js package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building the web app (Next.js)…"
  NEXT_TELEMETRY_DISABLED=1 npx next build
fi
node scripts/build-server.mjs
