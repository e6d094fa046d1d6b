#!/usr/bin/env bash
# The classroom acceptance test: Porthole and the demo stack of docker-compose.yml, all in containers.
#   1. builds the Porthole image the offline way (scripts/build-image-offline.sh) and the busybox
#      stand-ins of the demo images (scripts/classroom-fixtures.sh) — nothing is pulled;
#   2. `docker-compose up -d` of the whole file with the demo images overridden, in its own project;
#   3. waits (with a deadline) until every service is up and Porthole's healthcheck is healthy, and
#      signs in over HTTP;
#   4. runs the Playwright spec e2e/specs/classroom.smoke.spec.ts against the containerised Porthole:
#      image size and non-root user, services healthy, sign-in and Overview, networks + topology,
#      `docker-compose restart porthole` keeping users and tokens, `docker-compose down -v` leaving
#      nothing behind;
#   5. removes everything it created, on failure and on SIGINT/SIGTERM too: the compose project
#      (containers, networks, volumes) and the images it built (Porthole, its node base, the demo
#      stand-ins) — never porthole-test/busybox, which the other suites use — and prints
#      `classroom: N passed, N failed`.
# Playwright's JSON report goes to $PLAYWRIGHT_JSON_OUTPUT_NAME (default .ci/out/classroom.json).
# Env: PORTHOLE_PORT (default the first free of 18090-18099; not 8080, the default of every Porthole
#      started by hand, which could take it while the test runs), DEMO_PORT (18100-18109),
#      PORTHOLE_COMPOSE (default docker-compose; e.g. "docker compose"), PORTHOLE_CLASSROOM_KEEP=1
#      (leave the stack and the image for a look), SKIP_WEB_BUILD=1 / WEB_DIST (see build-image-offline.sh).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
log() { echo "[classroom +${SECONDS}s] $*" >&2; }

export COMPOSE_PROJECT_NAME="${CLASSROOM_PROJECT:-porthole-classroom-test}"
export COMPOSE_FILE="$root/docker-compose.yml"
read -r -a compose_cmd <<<"${PORTHOLE_COMPOSE:-docker-compose}"
compose() { "${compose_cmd[@]}" "$@"; }
json="${PLAYWRIGHT_JSON_OUTPUT_NAME:-$root/.ci/out/classroom.json}"
mkdir -p "$(dirname "$json")"
rm -f "$json"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { for p in "$@"; do if port_free "$p"; then echo "$p"; return; fi; done; return 1; }

# Everything the stack needs comes from here (nothing from a .env in the repository).
export PORTHOLE_IMAGE="porthole-test/porthole:classroom"
export DB_IMAGE=porthole-test/classroom-db:latest CACHE_IMAGE=porthole-test/classroom-cache:latest
export LB_IMAGE=porthole-test/classroom-lb:latest WEB_IMAGE=porthole-test/busybox:latest BUSYBOX_IMAGE=porthole-test/busybox:latest
export PORTHOLE_BIND=127.0.0.1 DEMO_BIND=127.0.0.1 BURNER_CPUS="${BURNER_CPUS:-0.2}"
export PORTHOLE_PORT="${PORTHOLE_PORT:-$(pick_port $(seq 18090 18099))}"
export DEMO_PORT="${DEMO_PORT:-$(pick_port $(seq 18100 18109))}"
export DOCKER_GID="$(stat -c %g /var/run/docker.sock)"
export PORTHOLE_ADMIN_PASSWORD="classroom-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PORTHOLE_LOG_LEVEL=warn
export PORTHOLE_E2E_URL="http://127.0.0.1:$PORTHOLE_PORT" PORTHOLE_E2E_PASSWORD="$PORTHOLE_ADMIN_PASSWORD"
export PORTHOLE_CLASSROOM_TEST=1
# Every image this test builds; removed at the end (the Porthole image first: it is built on the base).
export NODE_BASE_IMAGE=porthole-test/node-base:latest
built_images=("$PORTHOLE_IMAGE" "$NODE_BASE_IMAGE" "$DB_IMAGE" "$CACHE_IMAGE" "$LB_IMAGE")

summary() { # expected unexpected: the Playwright counts, or a failed setup
  node -e '
    const fs = require("fs");
    const f = process.argv[1];
    const s = fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")).stats : { expected: 0, unexpected: 1, flaky: 0 };
    console.log(`classroom: ${s.expected + (s.flaky || 0)} passed, ${s.unexpected} failed`);
  ' "$json"
}
setup_failed() {
  log "setup failed: $*"
  # Counted as one failed test by whoever sums the Playwright JSON reports.
  echo '{"stats":{"expected":0,"unexpected":1,"skipped":0,"flaky":0},"suites":[],"errors":[{"message":"classroom setup failed"}]}' >"$json"
  exit 1
}
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -n "$(compose ps -q porthole 2>/dev/null)" ]; then
    log "porthole logs:"; compose logs --tail 40 porthole >&2 || true
    compose ps >&2 || true
  fi
  if [ "${PORTHOLE_CLASSROOM_KEEP:-}" = 1 ]; then
    log "kept: $PORTHOLE_E2E_URL (admin / $PORTHOLE_ADMIN_PASSWORD); remove with: COMPOSE_PROJECT_NAME=$COMPOSE_PROJECT_NAME docker-compose down -v"
  else
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    remove_images
  fi
  summary
  exit "$rc"
}
remove_images() { for i in "${built_images[@]}"; do docker image rm "$i" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

[ -n "$PORTHOLE_PORT" ] && [ -n "$DEMO_PORT" ] || setup_failed "no free port"
log "project $COMPOSE_PROJECT_NAME, Porthole on $PORTHOLE_E2E_URL, demo lb on 127.0.0.1:$DEMO_PORT"
# What a killed earlier run may have left (its images too: rebuilding their tags would leave the
# old ones dangling).
compose down -v --remove-orphans >/dev/null 2>&1 || true
remove_images

# 1. Images, without any registry.
docker image inspect porthole-test/busybox:latest >/dev/null 2>&1 || bash scripts/fixtures.sh || setup_failed "fixture image"
bash scripts/classroom-fixtures.sh || setup_failed "classroom fixture images"
bash scripts/build-image-offline.sh "$PORTHOLE_IMAGE" || setup_failed "offline image build"
log "images built"

# 2. The whole compose file.
compose config -q || setup_failed "docker-compose config"
compose up -d --no-build || setup_failed "docker-compose up"
log "stack started"

# 3. Up and healthy, within a deadline.
deadline=$((SECONDS + 300))
until [ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q porthole)")" = healthy ]; do
  [ "$SECONDS" -lt "$deadline" ] || setup_failed "porthole not healthy after 300 s"
  sleep 2
done
log "porthole healthy"
code="$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PORTHOLE_ADMIN_PASSWORD\"}" "$PORTHOLE_E2E_URL/api/auth/login")"
[ "$code" = 200 ] || setup_failed "sign-in answered $code"

# 4. The smoke spec (its own output dir: other suites may clean e2e/test-results meanwhile).
cd e2e
PLAYWRIGHT_JSON_OUTPUT_NAME="$json" npx playwright test specs/classroom.smoke.spec.ts --output "${TMPDIR:-/tmp}/porthole-classroom-results"
