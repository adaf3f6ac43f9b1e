#!/usr/bin/env bash
# fresh-check: as on a new machine: purge the lab's packages and state, empty Maven repo, fresh clone; run the README's two commands, print phase times [--no-test]
# Not part of './lab test'. It uninstalls the lab's Debian service packages (ceph, libvirt, qemu: what a new
# machine of this kind lacks) and removes the lab, so run it only where nothing else uses them. The user's
# ~/.m2 is kept: the clone builds with an empty Maven repository of its own (-Dmaven.repo.local), which is
# what an empty ~/.m2 means to Maven. The clone is of this checkout's HEAD: commit first.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
run_test=1
case "${1:-}" in
  "") ;;
  --no-test) run_test= ;;
  *) die "usage: ./lab fresh-check [--no-test]" ;;
esac
[ -z "$(git -C "$LAB_REPO" status --porcelain --untracked-files=no)" ] \
  || warn "uncommitted changes in $LAB_REPO are not part of the clone that is checked"

# installed_service_packages: those of the lab's service packages that dpkg has installed
installed_service_packages() {
  # shellcheck disable=SC2086
  comm -23 <(printf '%s\n' $LAB_SERVICE_PACKAGES | sort) <(printf '%s\n' $(missing_packages $LAB_SERVICE_PACKAGES) | sort) | paste -sd' '
}

work=$(mktemp -d /var/tmp/nova-libvirt-fresh.XXXXXX)
log "work dir $work"

phase() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b - a) / 1e9}'; }

t=$(phase)
bash "$LAB_DIR/cmd/down.sh" >/dev/null
rm -rf "$LAB_STATE"
export DEBIAN_FRONTEND=noninteractive
# sudo arrives with ceph's dependencies (a new machine of this kind has none); its removal script refuses to go
# without this when root has no password
export SUDO_FORCE_REMOVE=yes
present=$(installed_service_packages)
if [ -n "$present" ]; then
  # shellcheck disable=SC2086
  apt-get purge -y -q $present </dev/null >"$work/purge.log" 2>&1 || die "apt-get purge failed; see $work/purge.log"
fi
apt-get autoremove -y -q --purge </dev/null >>"$work/purge.log" 2>&1 || die "apt-get autoremove failed; see $work/purge.log"
left=$(installed_service_packages)
[ -z "$left" ] || die "still installed after the purge: $left"
purge_s=$(secs "$t" "$(phase)")
log "purged: ${present:-nothing was installed}; lab state removed ($purge_s s)"

git clone -q "$LAB_REPO" "$work/repo"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$work/m2"

# run_logged NAME CMD...: runs CMD in the clone as CI would (no stdin), output to $work/NAME.log; seconds
run_logged() {
  local name=$1 t0 rc=0
  shift
  t0=$(phase)
  (cd "$work/repo" && LAB_T0=$t0 "$@" </dev/null >"$work/$name.log" 2>&1) || rc=$?
  [ $rc = 0 ] || { tail -30 "$work/$name.log" >&2; die "$name failed (exit $rc); see $work/$name.log"; }
  secs "$t0" "$(phase)"
}
# mark LOG PATTERN: seconds (the lab's own log clock) of the first line matching PATTERN
# (Maven's quiet mode may leave colour codes in front of a line)
mark() { grep -m1 -E "$2" "$1" | sed -n 's/.*\[lab *\([0-9.]*\)s\].*/\1/p'; }
# phases of a demo log: apt, lab up (after apt), the build's own time (it runs beside apt and lab up), the
# wait for the build after the lab was up, the demo itself
demo_phases() {
  local f=$work/$1.log apt0 apt1 up1 b0 b1 j0
  apt0=$(mark "$f" 'installing missing Debian packages'); apt1=$(mark "$f" 'packages (installed|present)')
  up1=$(mark "$f" '\] lab up \('); b0=$(mark "$f" 'building conformance-tests'); b1=$(mark "$f" '\] build done')
  j0=$(mark "$f" '\] java ')
  awk -v a0="${apt0:-0}" -v a1="$apt1" -v u="$up1" -v b0="$b0" -v b1="$b1" -v j="$j0" -v total="$2" 'BEGIN {
    apt = (a0 > 0 || a1 > 0) && a0 != "" ? a1 - a0 : 0
    printf "apt=%.1f lab=%.1f build=%.1f build_wait=%.1f demo=%.1f total=%.1f", apt, u - a1, b1 - b0, j - u, total - j, total }'
}

demo1=$(run_logged demo-from-nothing ./lab demo)
p1=$(demo_phases demo-from-nothing "$demo1")
log "demo from nothing: $p1"

bash "$work/repo/lab" down >/dev/null
rm -rf "$LAB_STATE" "$work/repo/conformance-tests/target"
demo2=$(run_logged demo-from-packages ./lab demo)
p2=$(demo_phases demo-from-packages "$demo2")
log "demo with the packages installed (no lab, Maven repo filled): $p2"

test_s=skipped
if [ -n "$run_test" ]; then
  test_s=$(run_logged test ./lab test)
  sed -n '/== Test summary ==/,$p' "$work/test.log"
fi

printf '\n%-44s %s\n' "phase" "seconds"
printf '%-44s %s\n' "purge packages + lab state" "$purge_s"
for kv in $p1; do printf '%-44s %s\n' "demo from nothing: ${kv%%=*}" "${kv#*=}"; done
for kv in $p2; do printf '%-44s %s\n' "demo from installed packages: ${kv%%=*}" "${kv#*=}"; done
printf '%-44s %s\n' "./lab test (lab reused)" "$test_s"
echo "logs: $work/*.log"
echo "RESULT fresh-check purge_s=$purge_s demo_from_nothing_s=$demo1 demo_from_packages_s=$demo2 test_s=$test_s $(echo "$p1" | sed 's/\([a-z_]*\)=/nothing_\1_s=/g') $(echo "$p2" | sed 's/\([a-z_]*\)=/packages_\1_s=/g')"
