#!/usr/bin/env bash
# host-restart X: restart only libvirtd of host X (SIGTERM, or just start it when it is dead); its guests' QEMU keep running
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
host_check_name "${1:-}"
if host_libvirtd_pid "$1" >/dev/null; then host_libvirtd_kill "$1" TERM; fi
host_libvirtd_start "$1"
