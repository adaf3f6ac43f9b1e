# java.sh - builds conformance-tests (and what it depends on) in ONE reactor run, never 'mvn install', and
# runs a main class of it with the module's classpath. Used by 'bench' and 'demo'.
# The CLI's runnable jar (shade) is not built here: the demo and benches run from classes.
# shellcheck shell=bash

# java_main CLASS ARGS...: build, then run CLASS (exit code of the JVM).
java_main() {
  local main=$1 cp_file=$LAB_REPO/conformance-tests/target/lab-classpath.txt
  shift
  log "building conformance-tests (mvn package, tests skipped)"
  (cd "$LAB_REPO" && mvn -B -q --no-transfer-progress ${LAB_MVN_OPTS:-} -pl conformance-tests -am -DskipTests -Dshade.skip=true package \
      dependency:build-classpath -Dmdep.outputFile=target/lab-classpath.txt -Dmdep.includeScope=runtime) \
    || die "build failed"
  lab_use_hold
  log "java $main $*"
  java ${LAB_JAVA_OPTS:-} -cp "$LAB_REPO/conformance-tests/target/classes:$(cat "$cp_file")" \
    -DNOVALAB_ENV="$LAB_ENV_FILE" -Dnovalab.repo="$LAB_REPO" "$main" "$@"
}
