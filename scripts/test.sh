#!/usr/bin/env bash
# The whole test suite: lint, typecheck, unit and integration tests (vitest, against the real
# engine), e2e (Playwright in Chromium). On a fresh Debian machine as root it first installs what
# is missing (apt packages, pnpm), starts the engine and builds the fixture images. It runs every
# suite even when one fails, removes what the tests created, and ends with one line of its own:
# `N passed, N failed`. Exit status: non-zero when anything failed or when no test ran.
#
# The final cleanup removes everything labelled porthole.test=1 on the engine. On a machine where
# others run tests against the same engine, set PORTHOLE_KEEP_TEST_OBJECTS=1 to skip it (every test
# removes what it created anyway); the e2e server port is PORTHOLE_E2E_PORT (default 18080).
set -uo pipefail

# Everything runs inside main: bash parses the whole file first, so editing this script while a
# run is in progress cannot derail it.
main() {
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
OUT="$ROOT/.ci/out"
rm -rf "$OUT"
mkdir -p "$OUT"

passed=0
failed=0
results=()
started=$SECONDS
step_at=$SECONDS
step() {
  step_at=$SECONDS
  printf '\n==> [%ds] %s\n' "$((SECONDS - started))" "$*"
}
record() { # name passed failed — with the time since its step began
  passed=$((passed + $2))
  failed=$((failed + $3))
  results+=("$(printf '%-28s %5d passed, %d failed  (%ds)' "$1" "$2" "$3" "$((SECONDS - step_at))")")
}
summary() {
  # The slowest test files and specs, so the tail of a CI log says where the time went.
  node scripts/slowest.mjs "$OUT" 2>/dev/null || true
  printf '\n==> Results\n'
  for r in "${results[@]}"; do echo "  $r"; done
  echo "total time $((SECONDS - started)) s"
  echo "$passed passed, $failed failed"
  if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
  exit 0
}

# --- Machine setup -----------------------------------------------------------------------
static_busybox() { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; }
engine_answers() { command -v docker >/dev/null 2>&1 && timeout 10 docker version >/dev/null 2>&1; }

apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
if ! engine_answers && { ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; }; then apt_missing+=(docker.io); fi
# `DOCKER_BUILDKIT=1 docker build` through Porthole (issue 15): a CLI with the buildx plugin, or
# Debian's docker.io 20.10 CLI (/usr/bin/docker) whose BuildKit client is built in.
if ! docker buildx version >/dev/null 2>&1 && [ ! -x /usr/bin/docker ] && [[ " ${apt_missing[*]} " != *" docker.io "* ]]; then
  apt_missing+=(docker.io)
fi
static_busybox || apt_missing+=(busybox-static)
# The classroom step (docker-compose 1.29 from Debian, curl for its sign-in check).
command -v docker-compose >/dev/null 2>&1 || apt_missing+=(docker-compose)
command -v curl >/dev/null 2>&1 || apt_missing+=(curl)
if ! engine_answers && ! command -v iptables >/dev/null 2>&1; then apt_missing+=(iptables); fi
# The multi-engine lab (scripts/engines-lab.sh: TLS and SSH engines, a two-node Swarm in namespaces).
[ -x /usr/sbin/sshd ] || apt_missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 || apt_missing+=(openssh-client)
command -v openssl >/dev/null 2>&1 || apt_missing+=(openssl)
command -v ip >/dev/null 2>&1 || apt_missing+=(iproute2)
command -v nsenter >/dev/null 2>&1 || apt_missing+=(util-linux)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  step "Installing ${apt_missing[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null ||
      echo "apt-get install failed" >&2
  else
    echo "missing ${apt_missing[*]} and not root on Debian: install them first" >&2
  fi
fi

if ! command -v pnpm >/dev/null 2>&1; then
  step "Installing pnpm 10"
  npm i -g pnpm@10 >/dev/null || { record "setup: pnpm" 0 1; summary; }
fi

step "pnpm install --frozen-lockfile"
if ! pnpm install --frozen-lockfile; then
  record "setup: pnpm install" 0 1
  summary
fi

step "Docker engine and fixture images"
if ! bash scripts/ensure-engine.sh || ! bash scripts/fixtures.sh; then
  record "setup: engine/fixtures" 0 1
fi
bash scripts/registry.sh start || record "setup: registry (127.0.0.1:5000)" 0 1

# --- Static checks, unit tests and the web build --------------------------------------------
# The typecheck runs in the background beside the lint, the unit-only vitest suites and the web
# build (none of them measures time); it is done before the integration tests start, which do.
step "Typecheck (in the background) and lint (biome)"
pnpm typecheck >"$OUT/typecheck.txt" 2>&1 &
typecheck_pid=$!
if pnpm lint >"$OUT/lint.txt" 2>&1; then
  tail -n 3 "$OUT/lint.txt"
  record "lint" 0 0
else
  tail -n 40 "$OUT/lint.txt"
  record "lint" 0 1
fi

vitest_suite() { # dir
  local dir="$1" name report p f
  [ -f "$dir/package.json" ] || return 0
  grep -q '"vitest"' "$dir/package.json" || return 0
  name="$(basename "$dir")"
  report="$OUT/vitest-$name.json"
  step "vitest: $dir"
  (cd "$dir" && pnpm exec vitest run --passWithNoTests --reporter=default --reporter=json --outputFile.json="$report")
  read -r p f < <(node scripts/count-results.mjs vitest "$report")
  record "vitest $name" "$p" "$f"
}
# Every workspace package with vitest; the server's (integration, against the real engine) last.
for dir in packages/* apps/*; do
  [ "$dir" = apps/server ] || vitest_suite "$dir"
done

step "Build the web app"
if pnpm --filter @porthole/web build >"$OUT/web-build.txt" 2>&1; then
  tail -n 3 "$OUT/web-build.txt"
  web_built=1
else
  tail -n 40 "$OUT/web-build.txt"
  record "web build" 0 1
  web_built=0
fi

# The server the integration tests, e2e and the bench start is the built one (what ships): built
# once here (their setups rebuild it only when a source is newer, which here it is not).
step "Build the server (esbuild bundle)"
if pnpm --filter @porthole/server build >"$OUT/server-build.txt" 2>&1; then
  tail -n 3 "$OUT/server-build.txt"
else
  tail -n 40 "$OUT/server-build.txt"
  record "server build" 0 1
fi

step "Typecheck (waiting for it)"
if wait "$typecheck_pid"; then
  record "typecheck" 0 0
else
  grep -E 'error TS|ERR' "$OUT/typecheck.txt" | head -40
  record "typecheck" 0 1
fi

# The multi-engine lab (four dockerds in namespaces) is started once, by the first suite that needs
# it, and joined by the others; the final cleanup takes it down.
export PORTHOLE_LAB_KEEP=1
vitest_suite apps/server

# --- e2e (Playwright in Chromium) --------------------------------------------------------
if [ -f e2e/package.json ] && [ -n "$(find e2e -path e2e/node_modules -prune -o -name '*.spec.ts' -print 2>/dev/null | head -1)" ]; then
  step "e2e: Playwright"
  if [ "$web_built" = 1 ]; then
    PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e.json" PLAYWRIGHT_BROWSERS_PATH=0 pnpm --filter @porthole/e2e test
    read -r p f < <(node scripts/count-results.mjs playwright "$OUT/e2e.json")
    record "e2e" "$p" "$f"
  else
    echo "skipped: the web app did not build"
  fi
else
  step "e2e: no specs yet"
fi

# The lab is not needed past here: its four dockerds go before the classroom step.
[ "${PORTHOLE_KEEP_TEST_OBJECTS:-}" = 1 ] || bash scripts/engines-lab.sh down >/dev/null 2>&1 || true

# --- Classroom: the image and docker-compose.yml, all in containers (scripts/classroom-test.sh) --
# Builds the image the offline way, runs the compose file with the demo stack and the smoke spec
# against it (≈4-5 min on 2 cores). It removes what it created, images included, even when it
# fails; the fixture image porthole-test/busybox stays. A failed setup counts as one failure.
if [ "$web_built" = 1 ]; then
  step "classroom: offline image + docker-compose stack + smoke spec"
  SKIP_WEB_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/classroom.json" bash scripts/classroom-test.sh
  read -r p f < <(node scripts/count-results.mjs playwright "$OUT/classroom.json")
  record "classroom" "$p" "$f"
else
  step "classroom: skipped (the web app did not build)"
fi

# --- Leave nothing behind ----------------------------------------------------------------
if [ "${PORTHOLE_KEEP_TEST_OBJECTS:-}" = 1 ]; then
  step "Cleanup skipped (PORTHOLE_KEEP_TEST_OBJECTS=1)"
else
  step "Cleanup"
  bash scripts/cleanup.sh || true
  # The multi-engine lab's tests remove it themselves; this catches a run that was cut short.
  bash scripts/engines-lab.sh down >/dev/null 2>&1 || true
fi

summary
}

main "$@"
