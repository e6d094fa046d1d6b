#!/usr/bin/env bash
# A second Docker engine beside the main one, for tests that stop or restart an engine
# (the main engine is shared by every other test). Own socket, data-root, exec-root, pidfile
# and bridge (br-p2); never `--bridge none`, which deletes docker0 and breaks the main engine.
#   scripts/engine2.sh start|stop|restart|status
set -euo pipefail

SOCK=/var/run/docker2.sock
PIDFILE=/var/run/docker2.pid
LOG=/var/log/dockerd2.log
BRIDGE=br-p2

answers() { docker -H "unix://$SOCK" version >/dev/null 2>&1; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -q dockerd "/proc/$pid/comm" 2>/dev/null && echo "$pid"
}

wait_for() { # wait_for <seconds> <command...>
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

start() {
  if answers; then return 0; fi
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add 172.31.250.1/24 dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  # A pidfile left by an engine killed uncleanly stops dockerd from starting.
  if [ -f "$PIDFILE" ] && ! running_pid >/dev/null; then rm -f "$PIDFILE"; fi
  mkdir -p /var/lib/docker2 /var/run/docker2
  nohup dockerd -H "unix://$SOCK" --data-root /var/lib/docker2 --exec-root /var/run/docker2 \
    --pidfile "$PIDFILE" -b "$BRIDGE" --iptables=false >>"$LOG" 2>&1 &
  wait_for 60 answers || { echo "engine2 did not answer within 60 s; see $LOG" >&2; exit 1; }
}

stop() {
  local pid
  pid=$(running_pid) || return 0
  kill "$pid"
  # Wait until the process has exited and the socket is gone: starting earlier races the shutdown.
  wait_for 60 bash -c "! [ -d /proc/$pid ] && ! [ -S $SOCK ]" || { echo "engine2 did not stop" >&2; exit 1; }
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) answers && echo running || { echo stopped; exit 1; } ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
