#!/usr/bin/env bash
# agents up [--build] [X...] | down [X...] | status | logs [-f] [X...]: a compute agent per lab host, inside its network and mount namespaces
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
# An agent per host (default: every host of the lab), each in its host's namespaces with the instances_path every
# host has ($LAB_NOVA_INSTANCES_PATH) and RabbitMQ from lab.env; see lib/agents.sh. 'exec X -- CMD...' is the
# launch itself, which the tests' LabAgents use too.
usage() {
  die "usage: ./lab agents up [--build] [X...] | down [X...] | status [X...] | logs [-f] [X...] | exec X -- CMD..."
}
sub=${1:-}
[ $# = 0 ] || shift

case "$sub" in
  up)
    need_root
    build=
    args=()
    for a in "$@"; do if [ "$a" = --build ]; then build=1; else args+=("$a"); fi; done
    [ -f "$LAB_ENV_FILE" ] || die "lab is not up: run ./lab up"
    hosts=$(agent_hosts "${args[@]}")   # a bad name ends the command here
    jar=$(agent_jar)
    if [ -n "$build" ] || [ -z "$jar" ]; then agent_build; jar=$(agent_jar); fi
    [ -n "$jar" ] || die "no agent/target/agent-*-all.jar after the build"
    log "agent jar $jar"
    lab_lock
    for h in $hosts; do agent_start "$h" "$jar"; done
    for h in $hosts; do agent_wait "$h"; done
    ;;
  down)
    need_root
    lab_lock
    hosts=$(agent_hosts "$@")
    # SIGTERM to all first: they finish their steps side by side
    for h in $hosts; do if pid=$(agent_pid "$h"); then kill -TERM "$pid" 2>/dev/null || true; fi; done
    for h in $hosts; do agent_stop "$h"; done
    ;;
  status)
    rc=0
    hosts=$(agent_hosts "$@")
    for h in $hosts; do
      line=$(printf '  %-8s ' "host-$h")
      if pid=$(agent_pid "$h"); then
        if agent_serving "$h"; then line="$line up, pid $pid, log $(agent_log "$h")"; else line="$line STARTING, pid $pid (not serving yet)"; rc=1; fi
        if agent_in_host_ns "$h" "$pid"; then line="$line, in the host's namespaces"; else
          line="$line, NOT in the host's namespaces ($(host_netns "$h"), $(host_mntns "$h"))"; rc=1
        fi
      else
        line="$line DOWN"; rc=1
      fi
      others=$(agent_others "$h")
      [ -z "$others" ] || line="$line; other agents in its namespace (a test's?): $others"
      echo "$line"
    done
    exit $rc
    ;;
  logs)
    follow=
    args=()
    for a in "$@"; do if [ "$a" = -f ]; then follow=1; else args+=("$a"); fi; done
    hosts=$(agent_hosts "${args[@]}")   # a bad name ends the command here
    files=()
    for h in $hosts; do if [ -f "$(agent_log "$h")" ]; then files+=("$(agent_log "$h")"); fi; done
    [ ${#files[@]} -gt 0 ] || die "no agent logs (./lab agents up writes them to \$LAB_STATE/host-X/agent/agent.log)"
    if [ -n "$follow" ]; then exec tail -n 20 -v -F "${files[@]}"; fi
    exec tail -n 40 -v "${files[@]}"
    ;;
  exec)
    agent_exec "$@"
    ;;
  *) usage ;;
esac
