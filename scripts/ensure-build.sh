#!/usr/bin/env bash
# Builds the Next.js pages when there is no build yet or the UI sources changed since the last one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .next/BUILD_ID ] && [ -z "$(find app components lib public next.config.js package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "Building the web app (Next.js)…"
NEXT_TELEMETRY_DISABLED=1 npx next build
