#!/usr/bin/env bash
# host-del X: stop and remove a host added with host-add (its guests die with it)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
h=${1:-}; h=${h#host-}
[ -n "$h" ] || die "usage: ./lab host-del X"
host_check_name "$h"
case " $LAB_DEFAULT_HOSTS " in *" $h "*) die "host-$h is one of the lab's own hosts; use './lab down' to stop the lab" ;; esac
lab_lock
host_stop "$h"
rm -rf "$(host_dir "$h")"
if [ -f "$LAB_ENV_FILE" ] && [ -f "$CEPH_CONF" ]; then env_write; fi
log "host-$h removed"
