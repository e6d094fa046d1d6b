#!/usr/bin/env bash
# Makes sure a Docker engine answers on the local socket (Debian, as root).
# Idempotent: where an engine already answers, it installs and starts nothing.
set -euo pipefail

log() { echo "[ensure-engine] $*" >&2; }

# pgrep (procps) is not on every minimal Debian: look for dockerd in /proc.
dockerd_running() { grep -qx dockerd /proc/[0-9]*/comm 2>/dev/null; }

engine_answers() { command -v docker >/dev/null 2>&1 && timeout 10 docker version >/dev/null 2>&1; }

if engine_answers; then
  log "engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
  exit 0
fi

missing=()
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${missing[*]}; install them (needs root on Debian/Ubuntu)"
    exit 1
  fi
  log "installing docker.io busybox-static iptables"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static iptables >/dev/null
fi

if engine_answers; then
  log "engine answers"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  log "the engine does not answer and starting dockerd needs root"
  exit 1
fi

pidfile=/var/run/docker.pid
if ! dockerd_running; then
  # After an unclean stop, a stale pidfile stops dockerd from starting ("pid file found"),
  # and the old pid may now belong to another process.
  if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -z "$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" != dockerd ]; then
      log "removing stale $pidfile (pid ${pid:-none} is not dockerd)"
      rm -f "$pidfile"
    fi
  fi
  log "starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
  disown || true
fi

deadline=$((SECONDS + 60))
until engine_answers; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "dockerd did not answer within 60 s; last lines of /var/log/dockerd.log:"
    tail -n 20 /var/log/dockerd.log >&2 || true
    exit 1
  fi
  sleep 0.5
done
log "engine answers ($(docker version --format '{{.Server.Version}}'))"
