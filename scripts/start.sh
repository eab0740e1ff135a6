#!/usr/bin/env bash
# `npm start`: runs the production build with plain node. It never builds: a missing build is
# a message, not a surprise compile at start-up (`npm run build`, or `npm run setup`, makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/server.mjs ] || [ ! -f .next/BUILD_ID ]; then
  echo "No production build here: run \`npm run build\` first (\`npm run setup\` does it)." >&2
  exit 1
fi
# A young generation of up to 64 MiB per semi-space (V8's default is 16): every fix allocates
# short-lived views, messages and buffers, and with the default most of them are scavenged and
# copied several times; the load bench measured 15 % less CPU per fix with it
# (docs/performance.md). It costs up to ~100 MiB more RSS under load, nothing when idle.
NODE_ENV=production exec node --enable-source-maps --max-semi-space-size=64 dist/server.mjs
