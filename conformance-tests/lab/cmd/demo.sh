#!/usr/bin/env bash
# demo: lab up, then the main job end to end (dev.novalibvirt.conformance.demo.Demo), printing what it does
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$LAB_DIR/lib/java.sh"
lab_preflight
# the build overlaps apt and the lab's start when Java and Maven are there already
early=
if java_tools_present; then java_build_start; early=1; fi
LAB_RABBITMQ=0 bash "$LAB_DIR/cmd/up.sh" || { rc=$?; java_build_stop; exit $rc; }   # the demo needs no RabbitMQ; ./lab test starts it
[ -n "$early" ] || java_build_start
java_build_wait
java_run dev.novalibvirt.conformance.demo.Demo "$@"
