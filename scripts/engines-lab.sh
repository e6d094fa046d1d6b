#!/usr/bin/env bash
# engines-lab.sh - the extra Docker engines the multi-engine and Swarm tests use, each in a network
# namespace of its own; the main engine (/var/run/docker.sock) is only read from (image save).
#
#   A : dockerd in netns phlabA (10.98.0.1)  Swarm manager   unix:///run/porthole-lab/A.sock
#   B : dockerd in netns phlabB (10.98.0.2)  Swarm worker    unix:///run/porthole-lab/B.sock
#       A<->B joined by one veth pair (never a bridge in the root namespace: FORWARD is DROP).
#   T : dockerd in netns phlabT (10.98.1.2)  TCP+TLS         tcp://10.98.1.2:2376 (client certs)
#   S : dockerd in netns phlabS (10.98.2.2)  SSH             ssh://root@10.98.2.2 (key auth; the
#       key's forced command is `docker system dial-stdio` against S's socket)
#   T and S are reached from the root namespace through veths (10.98.1.1, 10.98.2.1).
#
# Usage: engines-lab.sh up | down | stop NODE | start NODE | env | status     (idempotent; root only)
# Every engine gets porthole-test/busybox:latest from the main engine via save|load (never pulled).
# Facts behind the namespace dance: /work/shared/ENVIRONMENT.md ("Several engines ...").
set -euo pipefail

RUN=/run/porthole-lab
LIB=/var/lib/porthole-lab
NODES="A B T S"
declare -A NS=([A]=phlabA [B]=phlabB [T]=phlabT [S]=phlabS)
declare -A IP=([A]=10.98.0.1 [B]=10.98.0.2 [T]=10.98.1.2 [S]=10.98.2.2)
declare -A HOST_IP=([T]=10.98.1.1 [S]=10.98.2.1)
declare -A BIP=([A]=10.98.10.1/24 [B]=10.98.11.1/24 [T]=10.98.12.1/24 [S]=10.98.13.1/24)
LOCAL_POOL=base=10.98.64.0/18,size=24
SWARM_POOL=10.98.128.0/17
IMAGE=porthole-test/busybox:latest
SELF=$(readlink -f "$0")

log() { printf '[engines-lab %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The docker CLI bound to one lab engine; never falls back to DOCKER_HOST or the main engine.
dk() {
  local n=${1:?node}; shift
  case $n in A | B | T | S) ;; *) die "dk: unknown node $n" ;; esac
  env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH docker --host "unix://$RUN/$n.sock" "$@"
}
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_of() { cat "$1" 2>/dev/null || true; }
engine_up() { dk "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Runs CMD in netns NS with its own mount+uts namespace, a fresh sysfs and the cgroup tree bound
# back (`ip netns exec` leaves /sys/fs/cgroup empty and dockerd cannot start).
_nsexec() {
  local ns=$1 hn=$2; shift 2
  exec nsenter --net="/run/netns/$ns" unshare --mount --uts --propagation slave sh -c '
    set -e
    [ "$(readlink /proc/self/ns/net)" != "$(readlink /proc/1/ns/net)" ] || { echo "not in a separate netns" >&2; exit 99; }
    hostname "$0"
    t=$(mktemp -d '"$RUN"'/.cg.XXXXXX)
    mount --rbind /sys/fs/cgroup "$t"
    umount -l /sys
    mount -t sysfs sysfs /sys
    mount --move "$t" /sys/fs/cgroup
    rmdir "$t"
    exec "$@"' "$hn" "$@"
}

host_veth() { # NODE: a veth from the root namespace into NODE's namespace
  local n=$1 if=phlab$1-host
  if ! ip link show "$if" >/dev/null 2>&1; then
    ip -n "${NS[$n]}" link del "phlab${n}0" 2>/dev/null || true
    ip link add "$if" type veth peer name "phlab${n}0" netns "${NS[$n]}"
  fi
  ip addr replace "${HOST_IP[$n]}/24" dev "$if"
  ip link set "$if" up
  ip -n "${NS[$n]}" addr replace "${IP[$n]}/24" dev "phlab${n}0"
  ip -n "${NS[$n]}" link set "phlab${n}0" up
}

net_up() {
  local n
  for n in $NODES; do
    ip netns list | grep -qw "^${NS[$n]}" || ip netns add "${NS[$n]}"
    ip -n "${NS[$n]}" link set lo up
  done
  if ! ip -n phlabA link show phlabA0 >/dev/null 2>&1; then
    ip -n phlabB link del phlabB0 2>/dev/null || true
    ip link add phlabA0 netns phlabA type veth peer name phlabB0 netns phlabB
  fi
  ip -n phlabA addr replace "${IP[A]}/24" dev phlabA0
  ip -n phlabA link set phlabA0 up
  ip -n phlabB addr replace "${IP[B]}/24" dev phlabB0
  ip -n phlabB link set phlabB0 up
  host_veth T
  host_veth S
}

tls_certs() {
  local s=$RUN/T/tls c=$RUN/T/client
  [ -s "$c/key.pem" ] && [ -s "$s/server-key.pem" ] && return 0
  mkdir -p "$s" "$c"
  chmod 700 "$s" "$c"
  (
    cd "$s"
    openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=porthole-lab-ca -keyout ca-key.pem -out ca.pem
    openssl req -newkey rsa:2048 -nodes -subj /CN=phlab-T -keyout server-key.pem -out server.csr
    printf 'subjectAltName=IP:%s,DNS:phlab-T\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' "${IP[T]}" >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 7 -extfile server.ext -out server-cert.pem
    openssl req -newkey rsa:2048 -nodes -subj /CN=porthole-lab-client -keyout "$c/key.pem" -out client.csr
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 7 -extfile client.ext -out "$c/cert.pem"
    cp ca.pem "$c/ca.pem"
  ) >/dev/null 2>&1 || die "openssl failed"
}

start_dockerd() { # NODE [extra dockerd flags]
  local n=$1; shift
  local r=$RUN/$n d=$LIB/$n pid
  pid=$(pid_of "$r/dockerd.pid")
  if alive "$pid" && engine_up "$n"; then return 0; fi
  # A dockerd that is still shutting down: wait for it (starting early races with its shutdown).
  local i
  for i in $(seq 1 60); do alive "$pid" || break; sleep 0.25; done
  alive "$pid" && die "dockerd $n (pid $pid) alive but not answering; run down first"
  mkdir -p "$r" "$d"
  rm -f "$r/dockerd.pid" "$RUN/$n.sock"
  # Own config file (never /etc/docker/daemon.json) and own key.json: its own engine ID.
  printf '{ "deprecated-key-path": "%s/key.json" }\n' "$d" >"$r/daemon.json"
  setsid "$SELF" _nsexec "${NS[$n]}" "phlab-$n" dockerd \
    --config-file "$r/daemon.json" --data-root "$d" --exec-root "$r/exec" \
    --pidfile "$r/dockerd.pid" -H "unix://$RUN/$n.sock" \
    --bip "${BIP[$n]}" --default-address-pool "$LOCAL_POOL" --cgroup-parent "/porthole-lab-$n" \
    --containerd-namespace "phlab-$n" --containerd-plugins-namespace "phlab-$n-plugins" \
    --shutdown-timeout 3 "$@" >>"$r/dockerd.log" 2>&1 </dev/null &
  for i in $(seq 1 240); do engine_up "$n" && break; sleep 0.25; done
  engine_up "$n" || { tail -20 "$r/dockerd.log" >&2; die "dockerd $n did not come up"; }
}

start_T() {
  start_dockerd T -H "tcp://${IP[T]}:2376" --tlsverify --tlscacert "$RUN/T/tls/ca.pem" \
    --tlscert "$RUN/T/tls/server-cert.pem" --tlskey "$RUN/T/tls/server-key.pem"
}

swarm_up() {
  if [ "$(dk A info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    dk A swarm init --advertise-addr "${IP[A]}" --listen-addr "${IP[A]}:2377" \
      --default-addr-pool "$SWARM_POOL" --default-addr-pool-mask-length 24 >/dev/null
  fi
  local st i
  st=$(dk B info --format '{{.Swarm.LocalNodeState}}')
  if [ "$st" != active ]; then
    [ "$st" = inactive ] || dk B swarm leave --force >/dev/null 2>&1 || true
    dk B swarm join --token "$(dk A swarm join-token -q worker)" \
      --advertise-addr "${IP[B]}" --listen-addr "${IP[B]}:2377" "${IP[A]}:2377" >/dev/null
  fi
  for i in $(seq 1 120); do
    [ "$(dk A node ls --format '{{.Status}}' | grep -c Ready)" = 2 ] && return 0
    sleep 0.5
  done
  dk A node ls >&2
  die "swarm nodes not Ready"
}

image_up() { # save|load from the main engine: the same image ID everywhere, nothing pulled
  local id n
  id=$(env -u DOCKER_HOST docker --host unix:///var/run/docker.sock image inspect -f '{{.Id}}' "$IMAGE") ||
    die "$IMAGE missing on the main engine: run scripts/fixtures.sh"
  for n in $NODES; do
    [ "$(dk "$n" image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null)" = "$id" ] ||
      env -u DOCKER_HOST docker --host unix:///var/run/docker.sock save "$IMAGE" | dk "$n" load -q >/dev/null
  done
}

ssh_up() {
  [ -x /usr/sbin/sshd ] || die "sshd missing (apt-get install openssh-server)"
  local s=$RUN/ssh i
  alive "$(pid_of "$s/sshd.pid")" && return 0
  mkdir -p "$s"
  chmod 700 "$s"
  [ -s "$s/host_key" ] || ssh-keygen -q -t ed25519 -N '' -C phlab-host -f "$s/host_key"
  [ -s "$s/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C phlab-client -f "$s/id_ed25519"
  # The key can only reach engine S, whatever the client asks to run (as `docker -H ssh://` does).
  printf 'restrict,command="%s -H unix://%s/S.sock system dial-stdio" %s\n' "$(command -v docker)" "$RUN" "$(cat "$s/id_ed25519.pub")" >"$s/authorized_keys"
  printf 'Port 22\nListenAddress %s\nHostKey %s/host_key\nPidFile %s/sshd.pid\nAuthorizedKeysFile %s/authorized_keys\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nPrintMotd no\n' \
    "${IP[S]}" "$s" "$s" "$s" >"$s/sshd_config"
  printf '%s %s\n' "${IP[S]}" "$(cut -d' ' -f1,2 "$s/host_key.pub")" >"$s/known_hosts"
  if [ ! -d /run/sshd ]; then mkdir -m 0755 /run/sshd; fi
  setsid nsenter --net=/run/netns/phlabS /usr/sbin/sshd -D -f "$s/sshd_config" -E "$s/sshd.log" </dev/null >/dev/null 2>&1 &
  for i in $(seq 1 40); do [ -s "$s/sshd.pid" ] && return 0; sleep 0.25; done
  die "sshd did not start: $(tail -3 "$s/sshd.log")"
}

cmd_up() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  local x
  for x in dockerd docker ip nsenter unshare openssl setsid ssh-keygen; do command -v $x >/dev/null || die "missing $x"; done
  local t0=$SECONDS
  mkdir -p "$RUN" "$LIB"
  net_up
  tls_certs
  # In parallel: four engines start in ≈ the time of one.
  start_dockerd A &
  local a=$!
  start_dockerd B &
  local b=$!
  start_T &
  local t=$!
  start_dockerd S &
  local s=$!
  wait $a && wait $b && wait $t && wait $s || die "an engine did not start"
  swarm_up
  image_up
  ssh_up
  log "up in $((SECONDS - t0)) s"
  cmd_env
}

cmd_stop() { # NODE: stops one engine (a test of "engine down"); `up` starts it again
  local n=${1:?node} p i
  p=$(pid_of "$RUN/$n/dockerd.pid")
  alive "$p" || return 0
  kill -TERM "$p"
  for i in $(seq 1 80); do alive "$p" || return 0; sleep 0.25; done
  kill -KILL "$p"
}

ns_pids() { ip netns pids "$1" 2>/dev/null || true; }
cg_pids() { cat /sys/fs/cgroup/pids/porthole-lab-*/cgroup.procs /sys/fs/cgroup/pids/porthole-lab-*/*/cgroup.procs 2>/dev/null || true; }

cmd_down() {
  local n p i left
  for n in $NODES; do p=$(pid_of "$RUN/$n/dockerd.pid"); alive "$p" && kill -TERM "$p"; done
  p=$(pid_of "$RUN/ssh/sshd.pid"); alive "$p" && kill -TERM "$p"
  for i in $(seq 1 48); do
    local any=0
    for n in $NODES; do alive "$(pid_of "$RUN/$n/dockerd.pid")" && any=1; done
    [ $any = 0 ] && break
    # Swarm tasks ignore --shutdown-timeout: kill the processes in our own cgroups only.
    p=$(cg_pids | sort -un)
    [ -n "$p" ] && kill -KILL $p 2>/dev/null || true
    sleep 0.25
  done
  for n in $NODES; do p=$(pid_of "$RUN/$n/dockerd.pid"); alive "$p" && kill -KILL "$p"; done
  for i in 1 2 3; do
    left=$({ for n in $NODES; do ns_pids "${NS[$n]}"; done; cg_pids; } | sort -un | grep -vx "$$" || true)
    [ -z "$left" ] && break
    kill -KILL $left 2>/dev/null || true
    sleep 0.5
  done
  for n in $NODES; do ip netns list | grep -qw "^${NS[$n]}" && ip netns del "${NS[$n]}"; done
  for n in T S; do ip link show "phlab$n-host" >/dev/null 2>&1 && ip link del "phlab$n-host"; done
  find /sys/fs/cgroup/*/porthole-lab-* -depth -type d -exec rmdir {} \; 2>/dev/null || true
  if findmnt -rn -o TARGET | grep -qE "^($RUN|$LIB)(/|$)"; then die "mounts left under $RUN or $LIB; not deleting"; fi
  rm -rf --one-file-system "$RUN" "$LIB"
  log "down"
}

cmd_env() { # KEY=VALUE lines the tests read
  cat <<EOF
LAB_SWARM_MANAGER=unix://$RUN/A.sock
LAB_SWARM_WORKER=unix://$RUN/B.sock
LAB_TLS_HOST=tcp://${IP[T]}:2376
LAB_TLS_UNIX=unix://$RUN/T.sock
LAB_TLS_CERTS=$RUN/T/client
LAB_SSH_HOST=ssh://root@${IP[S]}
LAB_SSH_UNIX=unix://$RUN/S.sock
LAB_SSH_KEY=$RUN/ssh/id_ed25519
LAB_SSH_KNOWN_HOSTS=$RUN/ssh/known_hosts
LAB_IMAGE=$IMAGE
EOF
}

cmd_status() {
  local n
  for n in $NODES; do
    if engine_up "$n"; then echo "$n: up, swarm=$(dk "$n" info --format '{{.Swarm.LocalNodeState}}')"; else echo "$n: down"; fi
  done
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  stop) cmd_stop "${2:-}" ;;
  start) [ "${2:-}" = T ] && start_T || start_dockerd "${2:?node}" ;;
  env) cmd_env ;;
  status) cmd_status ;;
  _nsexec) shift; _nsexec "$@" ;;
  *) echo "usage: $0 up|down|stop NODE|start NODE|env|status" >&2; exit 2 ;;
esac
