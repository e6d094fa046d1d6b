#!/usr/bin/env bash
# Porthole from a fresh clone: makes sure a Docker engine answers (on Debian as root it installs
# and starts one if none answers; where one answers, nothing is installed system-wide), installs
# the dependencies, builds the web app and the server (the esbuild bundle the image ships) and serves
# Porthole on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-engine.sh

if command -v pnpm >/dev/null 2>&1; then
  pnpm=(pnpm)
else
  # No global install: npx keeps pnpm in the user's npm cache.
  echo "[start] pnpm not found; using pnpm 10 through npx" >&2
  pnpm=(npx --yes pnpm@10)
fi

"${pnpm[@]}" install --frozen-lockfile
"${pnpm[@]}" --filter @porthole/web build
"${pnpm[@]}" --filter @porthole/server build

export PORT="${PORT:-8080}" HOST="${HOST:-127.0.0.1}"
data_dir="${PORTHOLE_DATA_DIR:-$PWD/apps/server/data}"
export PORTHOLE_DATA_DIR="$data_dir"
export PORTHOLE_WEB_DIST="${PORTHOLE_WEB_DIST:-$PWD/apps/web/dist}"
cat <<MSG

  Porthole is starting on http://${HOST}:${PORT}
  Sign in as user "admin" with:
MSG
if [ -f "$data_dir/porthole.db" ]; then
  echo "    the password you chose before (data in $data_dir)"
elif [ -n "${PORTHOLE_ADMIN_PASSWORD:-}" ]; then
  echo "    the password in PORTHOLE_ADMIN_PASSWORD"
else
  echo "    the password printed below on this first start (set PORTHOLE_ADMIN_PASSWORD to choose one)"
fi
echo

# Supervised: should the server exit with an error, it starts again after 2 s. Ctrl-C or SIGTERM
# stops it for good (the server shuts down cleanly on SIGTERM).
stopping=0
pid=
trap 'stopping=1; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null' INT TERM
while :; do
  # node itself on the built server (what `pnpm start` runs), not `pnpm start`: pnpm does not pass
  # SIGTERM on to the server it started.
  (cd apps/server && MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} exec node --enable-source-maps dist/bundle/server.mjs) &
  pid=$!
  code=0
  wait "$pid" || code=$?
  if [ "$stopping" = 1 ]; then
    wait "$pid" 2>/dev/null || true
    exit 0
  fi
  [ "$code" = 0 ] && exit 0
  echo "[start] Porthole exited with status $code; starting it again in 2 s (Ctrl-C stops it)" >&2
  sleep 2
done
