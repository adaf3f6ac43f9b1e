#!/usr/bin/env bash
# test: lab up, then 'mvn -B verify' over all modules (unit tests + lab ITs), then the test summaries
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
bash "$LAB_DIR/cmd/up.sh" || die "lab up failed"
lab_use_hold   # a './lab up' elsewhere must not take this run's guests for leftovers
cd "$LAB_REPO" || exit 1
log "mvn -B --no-transfer-progress verify $*"
mvn -B --no-transfer-progress verify "$@"
rc=$?
bash "$LAB_DIR/lib/summary.sh" "$LAB_REPO"
log "mvn exit code $rc"
exit $rc
