#!/usr/bin/env bash
# test: lab up, then 'mvn -B verify' over all modules (unit tests + lab ITs), then the test summaries
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
bash "$LAB_DIR/cmd/up.sh" || die "lab up failed"
lab_use_hold   # a './lab up' elsewhere must not take this run's guests for leftovers
cd "$LAB_REPO" || exit 1
# A test JVM that aborts in native code leaves a core (where the machine's core_pattern writes files) for
# summary.sh to print a backtrace from, and its native stderr in target/verify.log beside Maven's output.
ulimit -c unlimited 2>/dev/null || true
rm -f ./*/core ./*/core.[0-9]*
mkdir -p target
touch target/verify.start   # cores newer than this belong to this run (summary.sh)
# rpc's broker tests run against the lab's RabbitMQ; the file holds the URL, so the password is on no argv
export RPC_BROKER_URL_FILE="$RABBIT_DIR/transport_url"
log "mvn -B --no-transfer-progress verify $* (output also in target/verify.log)"
mvn -B --no-transfer-progress verify "$@" 2>&1 | tee target/verify.log
rc=${PIPESTATUS[0]}
bash "$LAB_DIR/lib/summary.sh" "$LAB_REPO"
log "mvn exit code $rc"
exit $rc
