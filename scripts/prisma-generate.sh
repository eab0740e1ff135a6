#!/usr/bin/env bash
# Generates the Prisma client into generated/prisma (postinstall and `npm run db:generate`).
# The Prisma CLI insists on a native schema engine before `generate`, and downloads one when
# missing, though generate never runs it. Where no engine is installed (offline machines),
# point it at a harmless executable so generation works; migrate/db push still need the real one.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm ci --omit=dev` (a production install) has no Prisma CLI and needs no client: the server
# bundle (dist/server.mjs) already contains it.
if [[ ! -x node_modules/.bin/prisma ]]; then
  echo "Prisma CLI not installed (production install): skipping client generation."
  exit 0
fi

engine_installed() {
  compgen -G "node_modules/@prisma/engines/schema-engine-*" >/dev/null ||
    compgen -G "${HOME:-/nonexistent}/.cache/prisma/master/*/*/schema-engine" >/dev/null
}

if [[ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]] && ! engine_installed; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$(type -P true)"
fi

exec node_modules/.bin/prisma generate "$@"
