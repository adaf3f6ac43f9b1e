#!/usr/bin/env bash
# demo: lab up, then the main job end to end (dev.novalibvirt.conformance.demo.Demo), printing what it does
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$LAB_DIR/lib/java.sh"
bash "$LAB_DIR/cmd/up.sh"
java_main dev.novalibvirt.conformance.demo.Demo "$@"
