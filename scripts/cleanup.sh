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

# Images: every labelled one but the fixture itself (kept for the next run unless --all). An image
# built FROM the fixture inherits its porthole.fixture label, so the label does not tell them apart:
# the tag does. Removing an untagged test build removes its untagged parents with it.
# Images: every labelled one but the fixture itself (kept for the next run unless --all). An image
# built FROM the fixture inherits its porthole.fixture label, so the label does not tell them apart:
# the tag does. A tag is removed by name (the image goes with its last tag, never the fixture under
# another tag); an untagged test build by ID, with its untagged parents.
images=()
while read -r id ref; do
  [ -z "$id" ] && continue
  if [ "$ref" = '<none>:<none>' ]; then images+=("$id")
  elif [ "$all" = 1 ] || [ "$ref" != porthole-test/busybox:latest ]; then images+=("$ref"); fi
done < <(docker images --filter "label=$label" --format '{{.ID}} {{.Repository}}:{{.Tag}}' | sort -u)
[ "${#images[@]}" -gt 0 ] && docker rmi -f "${images[@]}" >/dev/null 2>&1

echo "[cleanup] removed $(echo "$containers" | grep -c . ) containers, $(echo "$networks" | grep -c .) networks, $(echo "$volumes" | grep -c .) volumes, ${#images[@]} images" >&2
exit 0
