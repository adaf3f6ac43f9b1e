#!/usr/bin/env bash
# up: bring the lab up (idempotent: a healthy lab is reused, leftovers of a dead one are cleared first)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
lab_preflight
lab_lock
ensure_packages

fresh=
if ip link show "$LAB_BRIDGE" >/dev/null 2>&1 && ceph_reusable; then
  ceph_conf_upgrade
  ceph_volumes_ensure   # before the hosts: a reused host gets client.cinder's secret below
  log "ceph healthy, reused (fsid $(ceph_fsid))"
else
  if [ -e "$LAB_STATE" ]; then log "no healthy lab: clearing leftovers"; fi
  lab_teardown
  mkdir -p "$LAB_STATE"
  bridge_up
  fresh=1
fi

# libvirtds start in the background while Ceph bootstraps. The first one probes QEMU's capabilities
# (seconds); the others wait for its cache when there is none yet and then start in about a second.
pki_ensure   # the CA and the controller's certificates (made once; milliseconds when they are current)
started=() deferred=()
for h in $(hosts_list); do
  if [ -z "$fresh" ] && host_reusable "$h"; then
    if ! host_config_current "$h" || ! host_mnt_current "$h"; then
      # a lab from before TLS (or LAB_TLS changed, or the CA was rotated), or a libvirtd outside the host's mount
      # namespace (a lab from before them): new config and certificates, then libvirtd alone restarts in the
      # namespace (it reads both only at start; its running guests survive, as with host-restart)
      log "host-$h: configuration, certificates or mount namespace outdated: renewing them and restarting libvirtd alone"
      host_config "$h"; host_libvirtd_kill "$h" TERM
      rm -f "$(host_dir "$h")/run/libvirtd.pid"; host_start "$h"
      started+=("$h"); continue
    fi
    host_net_tune "$h"; host_mnt_up "$h"; host_cinder_secret "$h"; log "host-$h healthy, reused ($(host_uri "$h"))"; continue
  fi
  if [ -z "$fresh" ] && host_guests_orphaned "$h"; then
    # only libvirtd died: restart it alone, as a real host's restart would, so its running guests survive
    log "host-$h: libvirtd is dead, $(host_qemu_count "$h") guests run: restarting libvirtd alone"
    ip link set "$(host_veth "$h")" up; host_net_tune "$h"
    host_config_current "$h" || host_config "$h"
    rm -f "$(host_dir "$h")/run/libvirtd.pid"; host_start "$h"
    started+=("$h"); continue
  fi
  if [ ${#started[@]} -gt 0 ] && ! host_caps_cached; then deferred+=("$h"); continue; fi
  host_stop "$h"; host_config "$h"; host_net_up "$h"; host_start "$h"
  started+=("$h")
done

# RabbitMQ (for the agents and rpc's tests) starts in the background, like the libvirtds, and is waited for
# below; the demo does not need it and skips it (LAB_RABBITMQ=0), which keeps its CPU off the libvirtds' start.
if [ "${LAB_RABBITMQ:-1}" = 1 ]; then rabbit_start; fi

if [ -n "$fresh" ]; then
  ceph_bootstrap
  base_image_build
  ceph_volumes_ensure
fi

host_ready() {
  host_wait "$1"
  # a TLS listener that does not work is reported, not fatal: the tcp one serves everything else
  if pki_tls_on && ! timeout 10 virsh -q -c "$(host_tls_uri "$1")" version >/dev/null 2>&1; then
    warn "host-$1: libvirtd does not answer over TLS ($(host_tls_uri "$1")); see $(host_dir "$1")/log/libvirtd.log"
  fi
  host_secret "$1"
  host_cinder_secret "$1"
  log "host-$1 up: $(host_uri "$1") uuid $(host_uuid "$1"), libvirtd pid $(cat "$(host_dir "$1")/run/libvirtd.pid")"
}
for h in "${started[@]}"; do host_ready "$h"; done
for h in "${deferred[@]}"; do host_stop "$h"; host_config "$h"; host_net_up "$h"; host_start "$h"; done
for h in "${deferred[@]}"; do host_ready "$h"; done

if [ "${LAB_RABBITMQ:-1}" = 1 ]; then rabbit_wait; fi
clear_leftovers
env_write
log "lab up ($(virt_type)); environment in $LAB_ENV_FILE ('./lab env' shows it)"
