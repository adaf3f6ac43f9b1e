#!/usr/bin/env bash
# status: show whether the lab's parts are up; exit 0 only when all are healthy
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
rc=0
check() { if "${@:2}" >/dev/null 2>&1; then printf '  %-34s up\n' "$1"; else printf '  %-34s DOWN\n' "$1"; rc=1; fi; }
echo "nova-libvirt lab, state in $LAB_STATE"
check "lab.env" test -f "$LAB_ENV_FILE"
check "bridge $LAB_BRIDGE ($LAB_MON_IP)" ip link show "$LAB_BRIDGE"
check "ceph (mon, mgr, osd, pools, image)" ceph_healthy
check "rabbitmq $RABBIT_ADDR:$RABBIT_PORT" rabbit_healthy
for h in $(hosts_list); do check "host-$h $(host_uri "$h")" host_healthy "$h"; done
# libvirtd in the host's mount namespace, where $LAB_NOVA_INSTANCES_PATH is the host's own (./lab up repairs it)
for h in $(hosts_list); do check "host-$h mount namespace" host_mnt_current "$h"; done
if pki_tls_on; then
  for h in $(hosts_list); do
    check "host-$h qemu+tls://$(host_ip "$h")/system" timeout 10 virsh -q -c "$(host_tls_uri "$h")" version
  done
fi
if [ $rc = 0 ]; then
  echo "ceph: $(timeout 10 ceph health 2>&1)"
  for h in $(hosts_list); do
    echo "host-$h domains: $(timeout 10 virsh -q -c "$(host_uri "$h")" list --all --name 2>/dev/null | paste -sd' ' -)"
  done
fi
exit $rc
