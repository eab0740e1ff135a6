#!/usr/bin/env bash
# `npm start`: runs the production build with plain node. It never builds: a missing build is
# a message, not a surprise compile at start-up (`npm run build`, or `npm run setup`, makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/server.mjs ] || [ ! -f .next/BUILD_ID ]; then
  echo "No production build here: run \`npm run build\` first (\`npm run setup\` does it)." >&2
  exit 1
fi
NODE_ENV=production exec node --enable-source-maps dist/server.mjs
