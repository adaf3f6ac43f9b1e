# leftovers.sh - what earlier test runs left in a reused lab (a killed JVM never ran its cleanup).
# The lab's hosts, instances paths and pools hold only what lab tests create, so whatever is there while no
# test runs is a leftover. "No test runs" is the use lock: every lab user (./lab test, the demo, benches and
# each test JVM through LabEnv) holds it shared while it runs; clearing needs it exclusively and is skipped,
# never waited for, while anyone holds it.
# shellcheck shell=bash

LAB_USE_LOCK=${LAB_USE_LOCK:-/run/lock/nova-libvirt-lab-use.lock}

# lab_use_hold: holds the use lock shared on fd 8 until this shell exits (blocks only while a clear runs).
lab_use_hold() {
  mkdir -p "$(dirname "$LAB_USE_LOCK")"
  exec 8>"$LAB_USE_LOCK"
  flock -s 8
}

# clear_leftovers: removes domains, secrets other than the lab's two (client.nova's, client.cinder's), instance
# dirs, RBD images (but the base image), the ITs' Cinder volumes (volume-*, Cinder's own naming) and OSD
# blocklist entries that earlier runs left; logs what it removed.
clear_leftovers() {
  mkdir -p "$(dirname "$LAB_USE_LOCK")"
  exec 7>"$LAB_USE_LOCK"
  if ! flock -n -x 7; then
    log "lab in use by running tests: leftovers of earlier runs not checked"
    exec 7>&-
    return 0
  fi
  local cleared=() h d n lab_secret cinder_secret base img
  lab_secret=$(cat "$LAB_CEPH/secret-uuid")
  cinder_secret=$(cat "$LAB_CEPH/cinder-secret-uuid" 2>/dev/null || true)
  for h in $(hosts_list); do
    host_healthy "$h" || continue
    for d in $(host_virsh "$h" list --all --name 2>/dev/null); do
      host_forget_dead_domain "$h" "$d"
      host_virsh "$h" destroy "$d" >/dev/null 2>&1 || true
      host_virsh "$h" undefine "$d" --nvram >/dev/null 2>&1 || host_virsh "$h" undefine "$d" >/dev/null 2>&1 || true
      cleared+=("domain $d on host-$h")
    done
    for n in $(host_virsh "$h" secret-list 2>/dev/null | awk '{print $1}'); do
      [ "$n" = "$lab_secret" ] || [ "$n" = "$cinder_secret" ] && continue
      host_virsh "$h" secret-undefine "$n" >/dev/null 2>&1 && cleared+=("secret $n on host-$h")
    done
    for d in "$(host_dir "$h")"/instances/* "$(host_dir "$h")"/instances/.[!.]*; do
      [ -e "$d" ] || continue
      rm -rf -- "$d" && cleared+=("instance dir $d")
    done
  done
  base=$(cat "$LAB_CEPH/base-image-id")
  # volumes first: a volume may be a clone of an image in vms or images (Cinder's clone-from-image)
  for img in $(timeout 30 rbd ls volumes 2>/dev/null | grep '^volume-' | sed 's|^|volumes/|') \
             $(timeout 30 rbd ls vms 2>/dev/null | sed 's|^|vms/|') $(timeout 30 rbd ls images 2>/dev/null | grep -vx "$base" | sed 's|^|images/|'); do
    rbd_remove_all "$img" && cleared+=("rbd image $img") || warn "could not remove leftover rbd image $img"
  done
  if [ -n "$(timeout 15 ceph osd blocklist ls 2>/dev/null)" ]; then
    timeout 15 ceph osd blocklist clear >/dev/null 2>&1 && cleared+=("osd blocklist entries")
  fi
  if [ ${#cleared[@]} = 0 ]; then
    log "no leftovers of earlier runs"
  else
    log "cleared ${#cleared[@]} leftovers of earlier runs:"
    printf '  %s\n' "${cleared[@]}"
  fi
  exec 7>&-
}

# rbd_remove_all POOL/IMAGE: removes an image with its snapshots (protected ones unprotected first); a
# parent whose clones are leftovers too goes after them (the caller lists pools children first: vms, images).
rbd_remove_all() {
  local s
  for s in $(timeout 30 rbd snap ls --format json "$1" 2>/dev/null | jq -r '.[].name'); do
    timeout 30 rbd snap unprotect "$1@$s" >/dev/null 2>&1 || true
  done
  timeout 30 rbd snap purge --no-progress "$1" >/dev/null 2>&1 || true
  timeout 60 rbd rm --no-progress "$1" >/dev/null 2>&1
}

# host_forget_dead_domain H D: a domain whose QEMU is gone but whose status file still records an async job.
# libvirt 9.0 restores such a job after a restart (an incoming migration in phase 'prepare' whose caller died) and
# then holds the domain's job lock for good: every destroy or undefine times out after 30 s. The status file is
# libvirtd's own record of a running domain; without a QEMU it describes nothing, so it goes and libvirtd is
# restarted alone (as a host's reboot would do).
host_forget_dead_domain() {
  local h=$1 d=$2 run pid
  run="$(host_dir "$h")/run/qemu"
  [ -f "$run/$d.xml" ] && [ -f "$run/$d.pid" ] || return 0
  pid=$(tr -dc 0-9 <"$run/$d.pid")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && return 0
  grep -q "<job [^>]*async='[a-z ]*'" "$run/$d.xml" || return 0
  warn "host-$h: domain $d has no QEMU (pid ${pid:-?} gone) but libvirt still holds its job; forgetting it"
  host_libvirtd_kill "$h" TERM
  rm -f "$run/$d.xml" "$run/$d.pid"
  host_libvirtd_start "$h"
}
