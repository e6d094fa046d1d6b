#!/bin/sh
# Assembles a minimal root filesystem for running Porthole FROM scratch:
#   OUT/usr/local/bin/node       this machine's node (stripped when `strip` exists)
#   OUT/<lib paths>              every shared library `ldd` lists for node and for the given
#                                native addons (glibc or musl), at the path the loader expects
#   OUT/etc/passwd, OUT/etc/group   root and the unprivileged user `node` (1000:1000)
#   OUT/tmp (1777)
# (/data is not in it: a Dockerfile makes it with `COPY --chown=1000:1000 <empty dir> /data`, as
# copying into an existing directory would leave that directory owned by root.)
# Used by scripts/build-image-offline.sh (on the host) and by the Dockerfile's build stage.
# POSIX sh: runs on Debian and Alpine node images.
#   scripts/node-rootfs.sh OUT [ADDON.node ...]
set -eu

out="$1"
shift
node_bin="$(readlink -f "$(command -v node)")"

mkdir -p "$out/usr/local/bin" "$out/etc" "$out/tmp"
chmod 1777 "$out/tmp"
cp "$node_bin" "$out/usr/local/bin/node"
if command -v strip >/dev/null 2>&1; then strip "$out/usr/local/bin/node"; fi

for bin in "$node_bin" "$@"; do
  # "libx.so => /path/libx.so (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
  ldd "$bin" | awk '/=>/ && $3 ~ /^\// { print $3 } !/=>/ && $1 ~ /^\// { print $1 }'
done | sort -u | while read -r lib; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done

cat >"$out/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
node:x:1000:1000:porthole:/app:/sbin/nologin
EOF
cat >"$out/etc/group" <<'EOF'
root:x:0:
node:x:1000:
EOF
