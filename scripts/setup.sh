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
