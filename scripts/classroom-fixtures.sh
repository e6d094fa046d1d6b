#!/usr/bin/env bash
# Builds the classroom demo's stand-in images where nothing can be pulled, from the test busybox
# image (scripts/fixtures.sh makes it from the host's static busybox):
#   porthole-test/classroom-db     busybox nc listener on 5432 (+ a pg_isready that checks it)
#   porthole-test/classroom-cache  busybox nc listener on 6379 (+ a redis-cli ping that checks it)
#   porthole-test/classroom-lb     busybox httpd on 80
# The web app, the log generator and the CPU burner run the busybox image itself.
# classroom/offline.env names them for docker-compose (see README, "Classroom").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOCKER_BUILDKIT=0
docker image inspect porthole-test/busybox:latest >/dev/null 2>&1 || bash "$root/scripts/fixtures.sh"
for service in db cache lb; do
  # Stable mtimes keep the build cache valid between runs.
  find "$root/classroom/fixtures/$service" -exec touch -h -d '2000-01-01 00:00:00' {} +
  docker build -q --build-arg "SERVICE=$service" -t "porthole-test/classroom-$service:latest" "$root/classroom/fixtures" >/dev/null
  echo "[classroom-fixtures] porthole-test/classroom-$service:latest" >&2
done
