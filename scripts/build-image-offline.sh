#!/usr/bin/env bash
# Builds the Porthole image without any registry (neither npm nor a container registry):
#   1. the SPA and the server bundle are built on the host (apps/server/dist/bundle);
#   2. a base image `porthole-test/node-base` is made FROM scratch with this host's `node`
#      binary (stripped), the shared libraries `ldd` lists, /etc/passwd + /etc/group with a
#      user 1000 and an empty /data owned by it (scripts/node-rootfs.sh);
#   3. Dockerfile.offline copies the bundle onto that base.
# Prints the image name and its size. Usage:
#   scripts/build-image-offline.sh [IMAGE]        (default: $PORTHOLE_IMAGE or porthole:latest)
# Env: SKIP_WEB_BUILD=1 reuses an existing SPA build (apps/web/dist, or WEB_DIST=dir);
#      NODE_BASE_IMAGE names the base.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
image="${1:-${PORTHOLE_IMAGE:-porthole:latest}}"
base="${NODE_BASE_IMAGE:-porthole-test/node-base:latest}"
bundle="$root/apps/server/dist/bundle"
export DOCKER_BUILDKIT=0

log() { echo "[build-image-offline] $*" >&2; }

# 1. SPA + server bundle
if [ "${SKIP_WEB_BUILD:-}" != 1 ]; then
  log "building the SPA"
  pnpm --dir "$root" --filter @porthole/web build >&2
fi
log "bundling the server"
pnpm --dir "$root" --filter @porthole/server build >&2
[ -f "$bundle/web/index.html" ] || { log "the bundle has no web/ (build the SPA)"; exit 1; }

# 2. The base image: host node + its libraries on scratch
ctx="$(mktemp -d "${TMPDIR:-/tmp}/porthole-node-base.XXXXXX")"
trap 'rm -rf "$ctx"' EXIT
mkdir "$ctx/data"
"$root/scripts/node-rootfs.sh" "$ctx/rootfs" "$bundle"/node_modules/better-sqlite3/build/Release/better_sqlite3.node
# Stable mtimes keep the build cache valid between runs.
find "$ctx" -exec touch -h -d '2000-01-01 00:00:00' {} +
cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
COPY --chown=1000:1000 data /data
ENV PATH=/usr/local/bin
LABEL porthole.node-base=1
CMD ["node"]
EOF
log "building $base from $(command -v node) ($(node --version))"
docker build -q -t "$base" "$ctx" >/dev/null

# 3. The runtime image
log "building $image"
docker build -q -f "$root/Dockerfile.offline" --build-arg "BASE_IMAGE=$base" -t "$image" "$bundle" >/dev/null
size="$(docker image inspect -f '{{.Size}}' "$image")"
echo "$image $((size / 1000000)) MB ($size bytes)"
