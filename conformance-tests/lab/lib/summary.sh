#!/usr/bin/env bash
# summary.sh REPO: one line per module and test kind (Surefire unit tests, Failsafe lab ITs) from the
# XML reports, then every failed or erroring test case by name.
set -uo pipefail
repo=${1:-.}
attr() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" | head -1; }
total_t=0; total_f=0; total_e=0; total_s=0
echo
echo "== Test summary =="
printf '%-22s %-9s %6s %8s %6s %7s\n' module kind tests failures errors skipped
for dir in "$repo"/*/target/surefire-reports "$repo"/*/target/failsafe-reports; do
  [ -d "$dir" ] || continue
  module=$(basename "$(dirname "$(dirname "$dir")")")
  kind=$(basename "$dir" | sed 's/-reports//')
  t=0; f=0; e=0; s=0
  for x in "$dir"/TEST-*.xml; do
    [ -f "$x" ] || continue
    head=$(grep -m1 '<testsuite' "$x")
    t=$((t + $(echo "$head" | attr tests))); f=$((f + $(echo "$head" | attr failures)))
    e=$((e + $(echo "$head" | attr errors))); s=$((s + $(echo "$head" | attr skipped)))
  done
  printf '%-22s %-9s %6d %8d %6d %7d\n' "$module" "$kind" $t $f $e $s
  total_t=$((total_t + t)); total_f=$((total_f + f)); total_e=$((total_e + e)); total_s=$((total_s + s))
done
printf '%-22s %-9s %6d %8d %6d %7d\n' TOTAL "" $total_t $total_f $total_e $total_s
if [ $((total_f + total_e)) -gt 0 ]; then
  echo "failed:"
  grep -l -E '<(failure|error)' "$repo"/*/target/{surefire,failsafe}-reports/TEST-*.xml 2>/dev/null \
    | xargs -r grep -B1 -E '<(failure|error)' | sed -n 's/.*testcase name="\([^"]*\)" classname="\([^"]*\)".*/  \2.\1/p'
fi

# A forked JVM that died (native abort, crash): everything needed to diagnose it from this output alone.
crashed=$(grep -l -E 'terminated without properly saying goodbye|VM crash' "$repo/target/verify.log" 2>/dev/null)
hs_errs=$(ls "$repo"/*/target/{surefire,failsafe}-reports/hs_err_pid*.log 2>/dev/null)
cores=$(ls "$repo"/*/core "$repo"/*/core.[0-9]* 2>/dev/null)
# a core_pattern with an absolute path writes elsewhere: this run's cores are the newer files there
pattern=$(cat /proc/sys/kernel/core_pattern 2>/dev/null)
if [ "${pattern#/}" != "$pattern" ] && [ -f "$repo/target/verify.start" ]; then
  cores="$cores $(find "$(dirname "$pattern")" -maxdepth 1 -type f -name "$(basename "$pattern" | sed 's/%.*//')*" \
    -newer "$repo/target/verify.start" 2>/dev/null)"
fi
cores=$(echo $cores)
if [ -n "$crashed$hs_errs$cores" ]; then
  echo
  echo "== A test JVM died =="
  grep -n -B2 -A30 -E 'terminate called|FAILED ceph_assert|Caught signal|what\(\):|# A fatal error' \
    "$repo/target/verify.log" 2>/dev/null | head -120
  for f in $hs_errs; do echo "--- $f"; head -40 "$f"; done
  for f in "$repo"/*/target/failsafe-reports/*.dumpstream "$repo"/*/target/failsafe-reports/*.dump; do
    [ -s "$f" ] && { echo "--- $f"; tail -40 "$f"; }
  done
  for c in $cores; do
    echo "--- backtrace of the crashing thread ($c)"
    if command -v gdb >/dev/null 2>&1; then
      timeout 300 gdb -batch -ex 'bt 40' "$(readlink -f "$(command -v java)")" "$c" 2>/dev/null | grep -E '^#' | head -40
      echo "--- librados/librbd calls in flight then (one line per thread)"
      timeout 300 gdb -batch -ex 'thread apply all bt 16' "$(readlink -f "$(command -v java)")" "$c" 2>/dev/null \
        | grep -oE ' in (rbd|rados)_[a-z_0-9]+ ' | sort | uniq -c
    else
      echo "(no gdb on this machine)"
    fi
    rm -f "$c"   # gigabytes; the backtrace above is what matters
  done
fi
