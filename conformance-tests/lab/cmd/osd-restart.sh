#!/usr/bin/env bash
# osd-restart: restart the lab's OSD daemon(s) as an operator would (SIGTERM, start again), wait until the cluster serves I/O
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
[ $# = 0 ] || die "usage: ./lab osd-restart"
[ -f "$CEPH_CONF" ] || die "no lab Ceph ($CEPH_CONF); run ./lab up"
lab_lock
ceph_osd_restart
