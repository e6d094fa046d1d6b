#!/usr/bin/env bash
# A local Docker registry for the image tests (pull/push), from Debian's docker-registry
# package: plain HTTP on 127.0.0.1:5000 (the engine trusts 127.0.0.1 registries without TLS),
# storage in a temp dir, no auth. Idempotent.
#   scripts/registry.sh start|stop|status
set -euo pipefail

ADDR=127.0.0.1:5000
DIR="${PORTHOLE_REGISTRY_DIR:-${TMPDIR:-/tmp}/porthole-registry}"
PIDFILE="$DIR/registry.pid"
LOG="$DIR/registry.log"

answers() { curl -fsS -o /dev/null "http://$ADDR/v2/" 2>/dev/null; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -q registry "/proc/$pid/comm" 2>/dev/null && echo "$pid"
}

start() {
  if answers; then return 0; fi
  mkdir -p "$DIR/storage"
  cat >"$DIR/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/storage
  delete:
    enabled: true
http:
  addr: $ADDR
CONFIG
  nohup docker-registry serve "$DIR/config.yml" >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 30))
  until answers; do
    if [ "$SECONDS" -ge "$deadline" ] || ! running_pid >/dev/null; then
      echo "[registry] did not answer on $ADDR within 30 s; see $LOG" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "[registry] serving on $ADDR (storage $DIR/storage)" >&2
}

stop() {
  local pid
  pid=$(running_pid) || { rm -f "$PIDFILE"; return 0; }
  kill "$pid"
  local deadline=$((SECONDS + 30))
  while [ -d "/proc/$pid" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "[registry] did not stop" >&2; exit 1; }
    sleep 0.2
  done
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers && echo running || { echo stopped; exit 1; } ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
