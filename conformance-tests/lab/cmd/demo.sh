#!/usr/bin/env bash
# demo: lab up, then the main job (dev.novalibvirt.conformance.demo.Demo): a Linux guest writing its RBD disk, live-migrated a->b->a->b->a [HOPS] [MEM_MIB]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$LAB_DIR/lib/java.sh"
. "$LAB_DIR/lib/guest-kit.sh"
lab_preflight
# the build overlaps apt and the lab's start when Java and Maven are there already
early=
if java_tools_present; then java_build_start; early=1; fi
kit_build_start   # the busy guest's kernel and initramfs ($LAB_STATE/guest, cached), beside the lab's start too
LAB_RABBITMQ=0 bash "$LAB_DIR/cmd/up.sh" || { rc=$?; java_build_stop; kit_build_stop; exit $rc; }   # the demo needs no RabbitMQ; ./lab test starts it
[ -n "$early" ] || java_build_start
kit_build_finish
java_build_wait
kit_build_wait
# the demo's lines and progress bar as wide as the terminal (bash does not export COLUMNS)
if [ -t 1 ] && [ -z "${COLUMNS:-}" ]; then
  COLUMNS=$(stty size </dev/tty 2>/dev/null | cut -d' ' -f2) || COLUMNS=
  [[ "$COLUMNS" =~ ^[1-9][0-9]*$ ]] || COLUMNS=
fi
[ -z "${COLUMNS:-}" ] || export COLUMNS
java_run dev.novalibvirt.conformance.demo.Demo "$@"
