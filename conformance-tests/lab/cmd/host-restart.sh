#!/usr/bin/env bash
# host-restart X: restart only libvirtd of host X (SIGTERM, then a new one); its guests' QEMU keep running
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
host_check_name "${1:-}"
host_libvirtd_kill "$1" TERM
host_libvirtd_start "$1"
