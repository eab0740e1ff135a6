#!/usr/bin/env bash
# Screenshots of the customer page, the driver app and the dashboard, at phone and desktop
# size, into docs/screenshots/ (see scripts/screenshots/take.screens.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-build.sh
exec npx playwright test -c playwright.screenshots.config.ts "$@"
