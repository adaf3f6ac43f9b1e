#!/usr/bin/env bash
# demo: lab up, then the main job end to end (dev.novalibvirt.conformance.demo.Demo), printing what it does
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$LAB_DIR/lib/java.sh"
LAB_RABBITMQ=0 bash "$LAB_DIR/cmd/up.sh"   # the demo needs no RabbitMQ; ./lab test starts it
java_main dev.novalibvirt.conformance.demo.Demo "$@"
