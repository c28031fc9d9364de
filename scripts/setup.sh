#!/usr/bin/env bash
# Sets up a fresh clone: pnpm (pinned), dependencies, and a build of every package.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$want" ]; then
  echo "setup: installing pnpm $want" >&2
  npm install --global --silent "pnpm@$want" >&2
fi
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
else
  pnpm install --reporter=append-only >&2
fi
pnpm run --silent build >&2
# The docs-site browser test drives Debian's Chromium at /usr/bin/chromium (never a downloaded browser; HERALD_CHROMIUM
# points it elsewhere). A failed install only warns here: the browser test then fails in CI with its own message.
if [ -z "${HERALD_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium for the docs-site browser test" >&2
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
      tail -n 5 "$log" >&2
      echo "setup: warning: could not install chromium; the docs-site browser test will fail in CI." >&2
    fi
    rm -f "$log"
  else
    echo "setup: warning: chromium is not installed and this is not a root shell with apt-get; the docs-site browser test is skipped locally and fails in CI. Install it with: sudo apt-get install chromium" >&2
  fi
fi
