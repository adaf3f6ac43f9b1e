#!/usr/bin/env bash
# bench NAME [ARGS]: lab up, then run benchmark dev.novalibvirt.conformance.bench.<Name>Bench (last line: RESULT ...)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$LAB_DIR/lib/java.sh"
name=${1:-}
bench_dir=$LAB_REPO/conformance-tests/src/main/java/dev/novalibvirt/conformance/bench
available() { find "$bench_dir" -name '*Bench.java' -printf '%f\n' | sed 's/Bench.java$//' | tr 'A-Z' 'a-z' | sort | paste -sd' ' -; }
[ -n "$name" ] || die "usage: ./lab bench NAME   (available: $(available))"
shift
class=$(echo "${name:0:1}" | tr a-z A-Z)${name:1}Bench         # xml -> XmlBench
[ -f "$bench_dir/$class.java" ] || die "no benchmark '$name' ($bench_dir/$class.java); available: $(available)"
lab_preflight
early=
if java_tools_present; then java_build_start; early=1; fi   # overlaps the lab's start, as in the demo
bash "$LAB_DIR/cmd/up.sh" || { rc=$?; java_build_stop; exit $rc; }
[ -n "$early" ] || java_build_start
# the soaks report RSS as native memory: a fixed, pre-touched heap keeps the Java heap's growth out of it
if { [ "$name" = soak ] || [ "$name" = backforth ]; } && [ -z "${LAB_JAVA_OPTS:-}" ]; then
  export LAB_JAVA_OPTS="-Xms256m -Xmx256m -XX:+AlwaysPreTouch"
fi
java_build_wait
java_run "dev.novalibvirt.conformance.bench.$class" "$@"
