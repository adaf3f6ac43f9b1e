#!/usr/bin/env bash
# sanlock-hosts.sh up DIR N | down DIR : N private libvirt hosts with the sanlock lock manager, for the field
# tests only (never part of the shared lab). Host i runs in its own mount namespace (root network namespace,
# unix socket only: qemu+unix:///system?socket=DIR/hI/run/libvirt-sock) with its own sanlock daemon
# (/run/sanlock bind-mounted from DIR/hI/sanlock, host_id i). All share DIR/leases (the "shared storage").
# The test writes DIR/hI/qemu-lock.conf (qemu.conf lines) and DIR/hI/qemu-sanlock.conf before 'up'.
# sanlock here needs an LD_PRELOAD shim: setrlimit(MEMLOCK/RTPRIO) fails with EPERM (no CAP_SYS_RESOURCE).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"
cmd=${1:-}; DIR=${2:-}
[ -n "$DIR" ] && [[ "$DIR" = /* ]] || { echo "usage: $0 up DIR N | down DIR" >&2; exit 2; }

shim() {
  local so=$DIR/setrlimit-shim.so
  [ -s "$so" ] && { echo "$so"; return; }
  cat >"$DIR/setrlimit-shim.c" <<'C'
#define _GNU_SOURCE
#include <sys/resource.h>
#include <dlfcn.h>
/* sanlock raises RLIMIT_MEMLOCK and RLIMIT_RTPRIO; without CAP_SYS_RESOURCE that fails with EPERM, which we
   turn into success: the daemon runs without locked memory or realtime priority. */
int setrlimit(__rlimit_resource_t r, const struct rlimit *l) {
  static int (*real)(__rlimit_resource_t, const struct rlimit *);
  if (!real) real = (int (*)(__rlimit_resource_t, const struct rlimit *)) dlsym(RTLD_NEXT, "setrlimit");
  int rv = real(r, l);
  return (rv != 0 && (r == RLIMIT_MEMLOCK || r == RLIMIT_RTPRIO)) ? 0 : rv;
}
C
  gcc -shared -fPIC -O2 -o "$so" "$DIR/setrlimit-shim.c" -ldl
  echo "$so"
}

up() {
  local n=$1 i R so lab=${LAB_STATE:-/var/lib/nova-libvirt-lab}
  command -v sanlock >/dev/null && [ -f /usr/lib/x86_64-linux-gnu/libvirt/lock-driver/sanlock.so ] || {
    apt_install sanlock libvirt-sanlock; }
  command -v gcc >/dev/null || apt_install gcc libc6-dev
  so=$(shim)
  mkdir -p "$DIR/leases"
  # The hosts share one lease dir. libvirt's sanlock plugin creates and initialises the __LIBVIRT__DISKS__
  # lockspace file itself when it is missing, but two libvirtds starting together race on it: the one that
  # finds the file already created (O_EXCL) but not yet initialised fails to join, still answers, and refuses
  # every lease later (ENOSPC). Seen in CI. A site initialises the lockspace once, before any host uses it:
  # so do we.
  local ls_dir ls_file
  ls_dir=$(sed -n 's/^disk_lease_dir *= *"\(.*\)"/\1/p' "$DIR/h1/qemu-sanlock.conf" 2>/dev/null | head -1)
  if [ -n "$ls_dir" ]; then
    mkdir -p "$ls_dir"
    ls_file=$ls_dir/__LIBVIRT__DISKS__
    if [ ! -s "$ls_file" ]; then
      truncate -s 1M "$ls_file"
      sanlock direct init -s "__LIBVIRT__DISKS__:0:$ls_file:0" >/dev/null
      chmod 0600 "$ls_file"
    fi
  fi
  for i in $(seq 1 "$n"); do
    R=$DIR/h$i
    mkdir -p "$R"/{run,log/qemu,sanlock,cache,lib}
    rm -rf "$R/etc"; cp -a /etc/libvirt "$R/etc"
    cp -a /var/lib/libvirt/. "$R/lib/"
    # QEMU capabilities probed by the lab already: reuse them (a cold probe costs seconds)
    [ -d "$lab/host-a/cache" ] && cp -a "$lab/host-a/cache/." "$R/cache/" 2>/dev/null || true
    cat >"$R/etc/libvirtd.conf" <<CONF
listen_tls = 0
listen_tcp = 0
auth_unix_ro = "none"
auth_unix_rw = "none"
host_uuid = "5a41c000-0000-4000-8000-00000000000$i"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
CONF
    cat >"$R/etc/qemu.conf" <<CONF
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
namespaces = [ ]
cgroup_controllers = [ ]
stdio_handler = "file"
CONF
    cat "$R/qemu-lock.conf" >>"$R/etc/qemu.conf"
    cp "$R/qemu-sanlock.conf" "$R/etc/qemu-sanlock.conf"
    unshare --mount --propagation private bash -c "
      mount --bind $R/etc /etc/libvirt; mount --bind $R/run /run/libvirt; mount --bind $R/lib /var/lib/libvirt
      mount --bind $R/log /var/log/libvirt; mount --bind $R/cache /var/cache/libvirt
      mkdir -p /run/sanlock; mount --bind $R/sanlock /run/sanlock
      LD_PRELOAD=$so sanlock daemon -w 0 -U root -G root
      for t in \$(seq 1 50); do [ -S /run/sanlock/sanlock.sock ] && break; sleep 0.1; done
      echo \$\$ > $R/ns.pid
      libvirtd -d -p /run/libvirt/libvirtd.pid
      sleep infinity" 9>&- </dev/null >"$R/ns.log" 2>&1 &
  done
  # libvirtd joins the __LIBVIRT__DISKS__ lockspace before it answers (about 20 s)
  for i in $(seq 1 "$n"); do
    R=$DIR/h$i
    for t in $(seq 1 600); do
      virsh -q -c "qemu+unix:///system?socket=$R/run/libvirt-sock" version >/dev/null 2>&1 && break
      sleep 0.2
    done
    virsh -q -c "qemu+unix:///system?socket=$R/run/libvirt-sock" version >/dev/null || { cat "$R/ns.log" >&2; echo "h$i did not come up" >&2; exit 1; }
    # ... but answering is not proof: when the join is still running (or was retried), sanlock refuses every
    # acquire in that lockspace with ENOSPC ("No space left on device"). Wait for the joined lockspace itself.
    for t in $(seq 1 450); do
      st=$(nsenter -t "$(cat "$R/ns.pid")" -m -- sanlock client status 2>/dev/null || true)
      if grep -q "^s __LIBVIRT__DISKS__:$i:" <<<"$st" && ! grep -q "^s __LIBVIRT__DISKS__.* ADD" <<<"$st"; then break; fi
      sleep 0.2
    done
    grep -q "^s __LIBVIRT__DISKS__:$i:" <<<"$st" || { echo "$st" >&2; cat "$R/ns.log" >&2; echo "h$i never joined __LIBVIRT__DISKS__" >&2; exit 1; }
    echo "h$i up: qemu+unix:///system?socket=$R/run/libvirt-sock nspid=$(cat "$R/ns.pid")"
  done
}

down() {
  local R pids p ns
  for R in "$DIR"/h*; do
    [ -s "$R/ns.pid" ] || continue
    p=$(cat "$R/ns.pid")
    # every process in that host's mount namespace: its shell, libvirtd, sanlock, QEMUs
    if [ -e "/proc/$p/ns/mnt" ]; then
      ns=$(readlink "/proc/$p/ns/mnt")
      pids=$(for q in /proc/[0-9]*; do if [ "$(readlink "$q/ns/mnt" 2>/dev/null)" = "$ns" ]; then basename "$q"; fi; done)
      # shellcheck disable=SC2086
      [ -z "$pids" ] || kill $pids 2>/dev/null || true
      sleep 1
      # shellcheck disable=SC2086
      [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
    fi
    rm -f "$R/ns.pid"
  done
}

case "$cmd" in
  up) up "${3:-2}" ;;
  down) down ;;
  *) echo "usage: $0 up DIR N | down DIR" >&2; exit 2 ;;
esac
