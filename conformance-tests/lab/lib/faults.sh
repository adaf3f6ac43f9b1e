# faults.sh - faults a test injects into one lab host, as on a real host: only libvirtd goes (its guests'
# QEMU processes keep running and are found again by the next libvirtd), or the host's link goes.
# shellcheck shell=bash

# host_libvirtd_pid H: the running libvirtd's pid, or nothing.
host_libvirtd_pid() {
  local f
  f="$(host_dir "$1")/run/libvirtd.pid"
  pid_alive "$f" libvirtd && tr -dc 0-9 <"$f"
}

# host_libvirtd_kill H SIGNAL: signals libvirtd alone and waits until it is gone (never its QEMUs).
host_libvirtd_kill() {
  local h=$1 sig=$2 pid
  pid=$(host_libvirtd_pid "$h") || die "host-$h: libvirtd does not run"
  kill "-$sig" "$pid"
  waitfor 30 test ! -d "/proc/$pid" || die "host-$h: libvirtd $pid did not end after SIG$sig"
  log "host-$h: libvirtd $pid ended (SIG$sig); $(host_qemu_count "$h") qemu processes keep running"
}

# host_qemu_count H: QEMU processes in the host's netns.
host_qemu_count() {
  local p n=0
  for p in $(ip netns pids "$(host_netns "$1")" 2>/dev/null); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q '^/usr/bin/qemu-system' && n=$((n + 1))
  done
  echo "$n"
}

# host_libvirtd_start H: a new libvirtd in the existing netns and mount namespace (host_start keeps both, so it
# reattaches to the running guests and sees what their QEMUs see), then waits until it answers.
host_libvirtd_start() {
  local h=$1
  [ -e "/run/netns/$(host_netns "$h")" ] || die "host-$h has no network namespace; run ./lab up"
  rm -f "$(host_dir "$h")/run/libvirtd.pid"
  host_start "$h"
  host_wait "$h"
  log "host-$h: libvirtd $(host_libvirtd_pid "$h") answers; it sees $(host_virsh "$h" list --name | grep -c . || true) running guests"
}

# host_link H up|down: the host's veth on the bridge side (its libvirtd and guests stay; nothing reaches them).
host_link() {
  ip link set "$(host_veth "$1")" "$2"
  log "host-$1: link $2"
}

# host_guests_orphaned H: the host's libvirtd is dead while guests still run in its netns and its configuration is
# in place; './lab up' then restarts libvirtd alone instead of rebuilding the host (which would kill the guests).
host_guests_orphaned() {
  local h=$1
  [ -e "/run/netns/$(host_netns "$h")" ] && [ -f "$(host_dir "$h")/etc/libvirtd.conf" ] || return 1
  [ -z "$(host_libvirtd_pid "$h")" ] || return 1
  [ "$(host_qemu_count "$h")" -gt 0 ]
}
