#!/usr/bin/env bash
# host-del X: stop and remove a host added with host-add (its guests die with it)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
extra_host_arg host-del "${1:-}"
h=$EXTRA_HOST
lab_lock
# unlisted first, stopped then: a reader of lab.env never gets a host that is going away
rm -f "$(host_dir "$h")/added"
if [ -f "$LAB_ENV_FILE" ] && [ -f "$CEPH_CONF" ]; then env_write; fi
host_stop "$h"
rm -rf "$(host_dir "$h")"
log "host-$h removed"
