# common.sh - shared settings and helpers of the lab scripts (sourced, never run).
# The lab's state lives OUTSIDE the repository so that every worktree, CI run and session uses one lab.
# shellcheck shell=bash

LAB_STATE=${LAB_STATE:-/var/lib/nova-libvirt-lab}
LAB_ENV_FILE=$LAB_STATE/lab.env
LAB_LOCK=${LAB_LOCK:-/run/lock/nova-libvirt-lab-cmd.lock}  # outside LAB_STATE: survives its wipe
LAB_NET=198.18.0                              # RFC 2544 test range, only on our own bridge and namespaces
LAB_BRIDGE=nlab-br0
LAB_MON_IP=$LAB_NET.1                         # root-namespace end of the bridge; Ceph listens here
LAB_CEPH=$LAB_STATE/ceph
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)     # conformance-tests/lab
LAB_REPO=$(cd "$LAB_DIR/../.." && pwd)
export CEPH_CONF=$LAB_CEPH/ceph.conf

# Debian packages the lab scripts use (installed when missing, never upgraded). The service packages are the
# ones a new machine of this kind lacks (./lab fresh-check purges exactly those); the base ones it has.
LAB_SERVICE_PACKAGES="ceph-mon ceph-mgr ceph-osd ceph-common librados2 librbd1 libvirt-daemon libvirt-daemon-system
  libvirt-clients libvirt-daemon-driver-storage-rbd qemu-system-x86 qemu-block-extra uuid-runtime rabbitmq-server
  python3-kombu tcpdump"
# The busy guest's kit (cmd/busy-guest.sh build: the demo's guest, the field tests' and benches') is compiled and
# packed with these; installed up front with the rest, so that the kit builds beside './lab up' (lib/guest-kit.sh).
LAB_GUEST_PACKAGES="gcc libc6-dev busybox-static cpio"
LAB_BASE_PACKAGES="iproute2 util-linux procps jq maven openjdk-17-jdk-headless gdb xxd openssl $LAB_GUEST_PACKAGES"
LAB_PACKAGES="$LAB_SERVICE_PACKAGES $LAB_BASE_PACKAGES"

LAB_TMP=${LAB_TMP:-/run/nova-libvirt-lab}   # scratch files of lab commands (not the lab's state)
mkdir -p "$LAB_TMP" 2>/dev/null || LAB_TMP=/tmp

LAB_T0=${LAB_T0:-$(date +%s%N)}
export LAB_T0

log()  { printf '[lab %6.1fs] %s\n' "$(( ($(date +%s%N) - LAB_T0) / 1000000 ))e-3" "$*"; }
warn() { printf '[lab] WARNING: %s\n' "$*" >&2; }
die()  { printf '[lab] ERROR: %s\n' "$*" >&2; LAB_ERR_RC=; exit 1; }

# Under 'set -e' a failing command ends a lab command silently. Remember the last failing command (also
# inside functions) and name it if the script then exits with that status; die() has said why already.
if [[ $- == *e* ]]; then
  set -E
  trap 'LAB_ERR_RC=$?; LAB_ERR="\"$BASH_COMMAND\" at ${BASH_SOURCE[0]##*/}:$LINENO"' ERR
  trap 'rc=$?; if [ "$rc" != 0 ] && [ "$rc" = "${LAB_ERR_RC:-}" ]; then echo "[lab] ERROR: $LAB_ERR failed (exit $rc)" >&2; fi' EXIT
fi

need_root() { [ "$(id -u)" = 0 ] || die "the lab needs root (network namespaces, bridge, bind mounts)"; }

# waitfor SECONDS CMD... : polls CMD every 0.2 s until it succeeds.
waitfor() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { warn "timed out waiting for: $*"; return 1; }
    sleep 0.2
  done
}

# Serialises up/down/host-add/host-del: several sessions may call './lab up' at once.
# The lock is fd 9; daemons are started through 'detached' so that they never inherit (and hold) it.
lab_lock() {
  mkdir -p "$(dirname "$LAB_LOCK")"
  exec 9>"$LAB_LOCK"
  if ! flock -n 9; then
    log "another lab command holds $LAB_LOCK; waiting"
    flock 9
  fi
}

# detached CMD...: runs a daemon-starting command without the lock fd and without our stdin.
detached() { "$@" 9>&- 8>&- 7>&- </dev/null; }   # nor the use lock (leftovers.sh)

# ---------------------------------------------------------------- packages
# missing_packages PKG...: prints those of PKG that are not installed (one line, space-separated).
missing_packages() {
  local installed p missing=""
  # dpkg-query exits 1 when any named package is unknown to dpkg (the normal case on a new machine): only
  # its output counts. Installed, or installed with triggers pending (another apt run may process them).
  # shellcheck disable=SC2086
  installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "$@" 2>/dev/null | awk '$1 ~ /^i[iWt]$/ {print $2}' || true)
  for p in "$@"; do
    printf '%s\n' "$installed" | grep -qx -- "${p%%:*}" || missing="$missing $p"
  done
  echo "${missing# }"
}

ensure_packages() {
  local missing err
  # shellcheck disable=SC2086
  missing=$(missing_packages $LAB_PACKAGES)
  if [ -z "$missing" ]; then
    log "packages present"
    return
  fi
  # only what is missing: installed packages (e.g. the JDK running this build) are never upgraded here
  log "installing missing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  err=$LAB_TMP/apt.err
  apt-get update -q </dev/null >/dev/null 2>"$err" && ! grep -qE '^(W|E): (Failed|Some index)' "$err" \
    || die "apt cannot refresh its package lists (is Debian's archive reachable?): $(tail -3 "$err" | tr '\n' ' ')
    the lab needs: $missing"
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing </dev/null >/dev/null 2>"$err" \
    || die "apt-get install failed: $(grep -E '^E:' "$err" | head -3 | tr '\n' ' ')
    the lab needs: $missing"
  log "packages installed"
}

# ---------------------------------------------------------------- processes we started
# pid_alive PIDFILE [MARKER]: the pid in PIDFILE runs and (if given) its command line contains MARKER.
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(tr -dc 0-9 <"$1")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  [ -z "${2:-}" ] || tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"
}

# kill_pids PID... : TERM, wait up to 5 s, then KILL.
kill_pids() {
  local p alive
  [ $# -gt 0 ] || return 0
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 25); do
    alive=
    for p in "$@"; do [ -d "/proc/$p" ] && alive=1; done
    [ -n "$alive" ] || return 0
    sleep 0.2
  done
  kill -9 "$@" 2>/dev/null || true
}

# ---------------------------------------------------------------- lab.env
# env_get KEY : value of KEY in lab.env (empty when absent).
env_get() {
  [ -f "$LAB_ENV_FILE" ] || return 0
  sed -n "s/^$1=//p" "$LAB_ENV_FILE" | tail -1
}

# env_write : (re)writes lab.env atomically from the ENV_* variables and the hosts' state.
# Readers (tests in other sessions) never see a half-written file.
env_write() {
  local tmp=$LAB_ENV_FILE.tmp.$$ h
  {
    echo "# nova-libvirt-lab environment, written by './lab up' at $(date -u +%FT%TZ). key=value, no quoting."
    echo "LAB_STATE=$LAB_STATE"
    echo "CEPH_CONF=$CEPH_CONF"
    echo "CEPH_USER=nova"
    echo "CEPH_KEYRING=$LAB_CEPH/ceph.client.nova.keyring"
    echo "CEPH_ADMIN_KEYRING=$LAB_CEPH/ceph.client.admin.keyring"
    echo "CEPH_FSID=$(ceph_fsid)"
    echo "CEPH_MON_HOST=$(ceph_mon_host)"
    echo "CEPH_MON_HOSTS=$(ceph_mon_ips)"
    echo "POOL_VMS=vms"
    echo "POOL_IMAGES=images"
    echo "BASE_IMAGE_ID=$(cat "$LAB_CEPH/base-image-id")"
    echo "BASE_IMAGE_SNAP=snap"
    echo "BASE_IMAGE_RAW=$LAB_STATE/images/base.raw"
    echo "BASE_IMAGE_SIZE=$(stat -c %s "$LAB_STATE/images/base.raw")"
    echo "RBD_SECRET_UUID=$(cat "$LAB_CEPH/secret-uuid")"
    # Cinder's side (ceph_volumes_ensure); absent until an './lab up' made it, so tests say the lab is too old
    if [ -s "$LAB_CEPH/cinder-secret-uuid" ]; then
      echo "POOL_VOLUMES=volumes"
      echo "CINDER_USER=cinder"
      echo "CINDER_KEYRING=$LAB_CEPH/ceph.client.cinder.keyring"
      echo "CINDER_SECRET_UUID=$(cat "$LAB_CEPH/cinder-secret-uuid")"
    fi
    echo "VIRT_TYPE=$(virt_type)"
    echo "BRIDGE=$LAB_BRIDGE"
    pki_env
    echo "HOSTS=$(hosts_list | sed 's/^/host-/' | paste -sd, -)"
    echo "NOVA_INSTANCES_PATH=$LAB_NOVA_INSTANCES_PATH"   # every host's, inside its mount namespace
    for h in $(hosts_list); do host_env "$h"; done
    if rabbit_alive; then rabbit_env; fi   # no RABBIT_* lines, so the agent tests say it is missing
  } >"$tmp"
  mv -f "$tmp" "$LAB_ENV_FILE"
}

# kvm when /dev/kvm is usable, else TCG.
virt_type() {
  if [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then echo kvm; else echo qemu; fi
}

# shellcheck source=preflight.sh
. "$LAB_DIR/lib/preflight.sh"
# shellcheck source=leftovers.sh
. "$LAB_DIR/lib/leftovers.sh"
# shellcheck source=ceph.sh
. "$LAB_DIR/lib/ceph.sh"
# shellcheck source=pki.sh
. "$LAB_DIR/lib/pki.sh"
# shellcheck source=hosts.sh
. "$LAB_DIR/lib/hosts.sh"
# shellcheck source=rabbitmq.sh
. "$LAB_DIR/lib/rabbitmq.sh"
# shellcheck source=faults.sh
. "$LAB_DIR/lib/faults.sh"
# shellcheck source=agents.sh
. "$LAB_DIR/lib/agents.sh"

# lab_teardown: stops everything a lab (healthy, half-started or dead) left: libvirtds, qemus and agents in our
# namespaces, Ceph daemons started with our ceph.conf, the network and mount namespaces, veths and the bridge.
# Then removes the state but the reusable parts (base raw image, QEMU capabilities caches): nothing is guessed by
# name outside the lab's own namespaces, pidfiles and ceph.conf.
lab_teardown() {
  local ns h
  # every host that has a network or a mount namespace (a dead lab may have left either without the other)
  for ns in $( { ip netns list 2>/dev/null | awk '{print $1}'
                 for h in "$LAB_MNTNS_DIR"/nlab-host-?; do [ -e "$h" ] && basename "$h"; done
               } | grep '^nlab-host-[a-z]$' | sort -u); do
    host_stop "${ns#nlab-host-}"
  done
  host_mnt_dir_down
  ceph_stop
  rabbit_wipe
  bridge_down
  rm -f "$LAB_ENV_FILE"
  rm -rf "$LAB_CEPH"
  for h in "$LAB_STATE"/host-?; do
    if [ -d "$h" ]; then rm -rf "$h"/{etc,lib,run,log,instances,agent,added}; fi
  done
}
