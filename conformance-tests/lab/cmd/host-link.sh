#!/usr/bin/env bash
# host-link X down|up: cut or restore host X's link to the lab bridge (libvirtd and guests keep running)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
host_check_name "${1:-}"
case "${2:-}" in up|down) ;; *) die "usage: ./lab host-link X down|up" ;; esac
host_link "$1" "$2"
