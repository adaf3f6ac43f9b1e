# java.sh - builds conformance-tests (and what it depends on) in ONE reactor run, never 'mvn install', and
# runs a main class of it with the module's classpath. Used by 'bench' and 'demo'.
# The CLI's runnable jar (shade), javadoc and source jars are not built here: the demo and benches run from
# classes, and those jars cost more than the compilation itself. Nor are the tests compiled (maven.test.skip: the
# modules' test-only dependencies, core's test-jar and WireMock, sit in a profile that this switches off), nor are
# the enforcer's rules checked (every CI build checks them). This build runs beside Ceph's start on the same 2
# cores, so what counts is its CPU time; conformance-tests/README.md has the figures.
# shellcheck shell=bash

# java_build_start: starts the build in the background and returns at once. It needs only Java and Maven,
# not the lab, so the demo runs it while apt and './lab up' run; at a lower priority, because './lab up' is
# the longer of the two and the build fills the moments Ceph spends waiting for itself.
java_build_start() {
  LAB_BUILD_LOG=$(mktemp /tmp/nova-libvirt-build.XXXXXX)
  log "building conformance-tests in the background (mvn package, tests not compiled; log $LAB_BUILD_LOG)"
  # Maven's JVM (javac runs inside it) with C1 only and the serial collector: a run this short never pays back
  # C2's compilations or G1's helper threads (about half of its CPU time), and each CPU second here is one that
  # Ceph's start does not get. The caller's MAVEN_OPTS come last and win.
  # shellcheck disable=SC2086
  ( cd "$LAB_REPO" && MAVEN_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${MAVEN_OPTS:-}" \
      exec nice -n 10 mvn -B -q --no-transfer-progress ${LAB_MVN_OPTS:-} \
      -pl conformance-tests -am -Dmaven.test.skip=true -Denforcer.skip=true -Dshade.skip=true \
      -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
      package dependency:build-classpath -Dmdep.outputFile=target/lab-classpath.txt -Dmdep.includeScope=runtime
  ) </dev/null >"$LAB_BUILD_LOG" 2>&1 &
  LAB_BUILD_PID=$!
}

# java_build_wait: waits for the build java_build_start began (the Maven output is shown only when it failed)
java_build_wait() {
  local rc=0
  wait "$LAB_BUILD_PID" || rc=$?
  [ $rc = 0 ] || { tail -40 "$LAB_BUILD_LOG" >&2; die "build failed (exit $rc); see $LAB_BUILD_LOG"; }
  rm -f "$LAB_BUILD_LOG"
  log "build done"
}

# java_build_stop: stops a background build that is no longer wanted (the lab did not come up)
java_build_stop() { [ -z "${LAB_BUILD_PID:-}" ] || kill "$LAB_BUILD_PID" 2>/dev/null || true; }

# java_run CLASS ARGS...: runs CLASS of the built module (exit code of the JVM)
java_run() {
  local main=$1 cp_file=$LAB_REPO/conformance-tests/target/lab-classpath.txt
  shift
  lab_use_hold
  log "java $main $*"
  java ${LAB_JAVA_OPTS:-} -cp "$LAB_REPO/conformance-tests/target/classes:$(cat "$cp_file")" \
    -DNOVALAB_ENV="$LAB_ENV_FILE" -Dnovalab.repo="$LAB_REPO" "$main" "$@"
}

# java_main CLASS ARGS...: build, then run CLASS
java_main() {
  java_build_start
  java_build_wait
  java_run "$@"
}

# java_tools_present: Java and Maven are installed already (a new machine of this kind has them; when it does
# not, './lab up' installs them and the build starts after it)
java_tools_present() { command -v mvn >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; }
