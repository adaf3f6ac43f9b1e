#!/usr/bin/env bash
# host-add X: add a temporary libvirt host host-X (X = c..i, address 198.18.0.1N) to the running lab
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
extra_host_arg host-add "${1:-}"
h=$EXTRA_HOST
lab_lock
[ -f "$LAB_ENV_FILE" ] && ceph_healthy || die "lab is not up: run ./lab up"
mkdir -p "$(host_dir "$h")"
touch "$(host_dir "$h")/added"
pki_ensure
if host_reusable "$h"; then
  if ! host_config_current "$h" || ! host_mnt_current "$h"; then
    log "host-$h: configuration, certificates or mount namespace outdated: renewing them and restarting libvirtd alone"
    host_config "$h"; host_libvirtd_kill "$h" TERM; host_libvirtd_start "$h"
  fi
  host_mnt_up "$h"
  host_cinder_secret "$h"   # a host kept from a lab older than Cinder volumes lacks it
  log "host-$h healthy, reused ($(host_uri "$h"))"
else
  host_stop "$h"; host_config "$h"; host_net_up "$h"; host_start "$h"
  host_wait "$h"; host_secret "$h"; host_cinder_secret "$h"
  log "host-$h up: $(host_uri "$h") uuid $(host_uuid "$h")"
fi
env_write
