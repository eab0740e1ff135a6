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
# (docs/performance.md). Idle, it costs the young generation start-up grew to, ~25 MB
# (bench/idle-rss.ts, docs/small-server.md); under load up to ~100 MiB more.
# No --enable-source-maps: Node then parses every source map it meets (the bundle's and the
# Next.js chunks', 11 MB) and keeps them, ~40-60 MB when idle; the bundle is not minified, so a
# stack trace's dist/server.mjs lines read as they are (NODE_OPTIONS=--enable-source-maps maps them).
# glibc's malloc: one arena, and allocations over 32 KiB mapped on their own and returned when
# freed: with an arena per thread (the PGlite worker's, V8's compilers') the memory start-up
# freed (WASM compilation, initdb) stayed resident, 70-200 MB; with 128 KiB, ~75 MB of freed
# blocks between 32 and 128 KiB (V8's compiler zones) stayed in the heap's holes. 32 KiB costs
# 1-9 % more CPU per fix under load (docs/small-server.md); MALLOC_MMAP_THRESHOLD_=131072 gives
# that back for 60-70 MB more when idle.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1} MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-32768} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-131072}
NODE_ENV=production exec node --max-semi-space-size=64 dist/server.mjs
