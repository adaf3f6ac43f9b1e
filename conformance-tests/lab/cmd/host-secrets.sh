#!/usr/bin/env bash
# host-secrets X: define the lab's libvirt secrets (client.nova's, client.cinder's) on host X again where missing
# (a test that removed one to prove a refusal restores it with this; the keys go from their files, never argv)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
host_check_name "${1:-}"
[ -s "$LAB_CEPH/secret-uuid" ] && [ -s "$LAB_CEPH/cinder-secret-uuid" ] || die "lab is not up: run ./lab up"
lab_lock
if ! timeout 10 virsh -q -c "$(host_uri "$1")" secret-get-value "$(cat "$LAB_CEPH/secret-uuid")" >/dev/null 2>&1; then
  host_secret "$1"
  log "host-$1: libvirt secret $(cat "$LAB_CEPH/secret-uuid") (client.nova) defined"
fi
host_cinder_secret "$1"
