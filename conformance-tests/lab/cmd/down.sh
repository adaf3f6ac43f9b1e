#!/usr/bin/env bash
# down: stop everything 'up' started (daemons, guests, namespaces, bridge) and remove the lab's state
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
lab_lock
lab_teardown
log "lab down"
