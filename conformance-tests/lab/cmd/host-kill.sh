#!/usr/bin/env bash
# host-kill X [--restart]: kill -9 libvirtd of host X (its guests' QEMU keep running); --restart starts a new one
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
host_check_name "${1:-}"
host_libvirtd_kill "$1" KILL
if [ "${2:-}" = --restart ]; then host_libvirtd_start "$1"; fi
