#!/usr/bin/env bash
# Removes everything labelled porthole.test=1 on the engine: containers, networks, volumes and
# images (fixture images only with --all). Tests clean up their own objects; this is the net
# for CI, run when no other test run shares the engine.
set -uo pipefail

all=0
[ "${1:-}" = --all ] && all=1
label=porthole.test=1

# What a killed classroom test (scripts/classroom-test.sh) may have left: its compose project and the
# images it built (its stand-in images carry porthole.test=1 and go with the others below).
project=label=com.docker.compose.project=porthole-classroom-test
leftover="$(docker ps -aq --filter "$project")"
[ -n "$leftover" ] && docker rm -f -v $leftover >/dev/null
leftover="$(docker network ls -q --filter "$project")"
[ -n "$leftover" ] && docker network rm $leftover >/dev/null
leftover="$(docker volume ls -q --filter "$project")"
[ -n "$leftover" ] && docker volume rm -f $leftover >/dev/null
docker image rm porthole-test/porthole:classroom porthole-test/node-base:latest >/dev/null 2>&1

# The second engine the engine-restart tests start (scripts/engine2.sh) is stopped at the end.
engine2="$(dirname "${BASH_SOURCE[0]}")/engine2.sh"
bash "$engine2" status >/dev/null 2>&1 && bash "$engine2" stop >&2

containers="$(docker ps -aq --filter "label=$label")"
[ -n "$containers" ] && docker rm -f -v $containers >/dev/null
networks="$(docker network ls -q --filter "label=$label")"
[ -n "$networks" ] && docker network rm $networks >/dev/null
volumes="$(docker volume ls -q --filter "label=$label")"
[ -n "$volumes" ] && docker volume rm -f $volumes >/dev/null

images=()
while read -r id repo; do
  [ -z "$id" ] && continue
  fixture="$(docker image inspect -f '{{index .Config.Labels "porthole.fixture"}}' "$id" 2>/dev/null || true)"
  if [ "$all" = 1 ] || [ "$fixture" != 1 ]; then images+=("$id"); fi
done < <(docker images -a --filter "label=$label" --format '{{.ID}} {{.Repository}}' | sort -u)
# Dangling images from test builds (their label is on the image config too).
[ "${#images[@]}" -gt 0 ] && docker rmi -f "${images[@]}" >/dev/null 2>&1

echo "[cleanup] removed $(echo "$containers" | grep -c . ) containers, $(echo "$networks" | grep -c .) networks, $(echo "$volumes" | grep -c .) volumes, ${#images[@]} images" >&2
exit 0
