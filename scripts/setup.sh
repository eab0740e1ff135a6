#!/usr/bin/env bash
# One-time set-up on a fresh machine: system packages npm cannot bring, npm dependencies, the
# Next.js build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ] && [ -z "${NATS_URL:-}" ]; then
  need_apt+=(nats-server)
fi
# Chromium runs the end-to-end tests; SKIP_BROWSER=1 skips it on machines that only serve.
if [ "${SKIP_BROWSER:-0}" != "1" ] && [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  need_apt+=(chromium)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = "none" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Lastmile needs: ${need_apt[*]}." >&2
    echo "Install them with your package manager (Debian/Ubuntu: apt-get install ${need_apt[*]})," >&2
    echo "or set NATS_URL to an existing JetStream server and CHROMIUM_PATH to a Chromium binary." >&2
    exit 1
  fi
  echo "Installing ${need_apt[*]} from the distribution's packages…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
bash scripts/ensure-build.sh
echo "Set-up done. Start with: npm start    Test with: npm test"
