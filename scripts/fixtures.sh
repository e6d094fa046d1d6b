#!/usr/bin/env bash
# Builds the fixture images the tests use, from scratch with the host's static busybox
# (nothing is pulled). Fast when already built: the docker build cache answers.
set -euo pipefail

BUSYBOX="${BUSYBOX:-/bin/busybox}"
# Not `--help | head -1 | grep` under pipefail: head closing the pipe early makes busybox die of
# SIGPIPE now and then, and the check failed on a static busybox (seen in a clean-clone CI run).
if [ ! -x "$BUSYBOX" ] || [[ "$("$BUSYBOX" --help 2>&1)" != *BusyBox* ]]; then
  echo "[fixtures] $BUSYBOX is not a static busybox; install busybox-static" >&2
  exit 1
fi

ctx="$(mktemp -d "${TMPDIR:-/tmp}/porthole-fixtures.XXXXXX")"
trap 'rm -rf "$ctx"' EXIT
# A stable mtime keeps the build cache valid between runs.
cp "$BUSYBOX" "$ctx/busybox"
touch -d '2000-01-01 00:00:00' "$ctx/busybox"

cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL porthole.test=1 porthole.fixture=1
CMD ["sh"]
DOCKERFILE

if ! out="$(DOCKER_BUILDKIT=0 docker build -q -t porthole-test/busybox:latest "$ctx" 2>&1)"; then
  echo "$out" >&2
  exit 1
fi
echo "[fixtures] porthole-test/busybox:latest $(docker image inspect -f '{{.Id}}' porthole-test/busybox:latest | cut -c8-19)" >&2
