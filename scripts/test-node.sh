#!/usr/bin/env bash
# Node's own test runner over every *.test.ts beside the code (Node 20 takes no globs).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find lib server testing examples -name '*.test.ts' -not -path '*/node_modules/*' | sort)
exec node --import tsx --test --test-concurrency=1 "${files[@]}"
