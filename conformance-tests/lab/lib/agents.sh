# agents.sh - compute agents on the lab's hosts, as nova-compute runs on its own machine: each agent JVM runs
# inside its host's network namespace and mount namespace (hosts.sh), so it reaches only that host's libvirtd
# (qemu:///system: the host's own /run/libvirt), keeps its guests under the instances_path every host has
# ($LAB_NOVA_INSTANCES_PATH, the host's own dir behind it) and reaches Ceph and RabbitMQ over the bridge. A
# controller then needs nothing but the broker.
#
# agent_exec is the one launch of every lab agent: './lab agents up' (the agent's runnable jar, its nova.conf,
# pid and log in $LAB_STATE/host-X/agent) and the tests' LabAgents (their own nova.conf and log, the test class
# path) both go through './lab agents exec X -- CMD...'.
# shellcheck shell=bash

LAB_AGENT_READY=${LAB_AGENT_READY:-90}   # seconds an agent may take to serve (JVM start, broker, libvirtd)
LAB_AGENT_STOP=${LAB_AGENT_STOP:-75}     # seconds a stopping agent may take: graceful_shutdown_timeout (60) + slack
LAB_AGENT_LIBVIRT_URI=${LAB_AGENT_LIBVIRT_URI:-qemu:///system}
# what marks an agent JVM on its command line: the tests' main class, or the runnable jar
LAB_AGENT_MARK='dev\.novalibvirt\.agent\.AgentMain|/agent-[^ /]*-all\.jar'

agent_dir()     { echo "$(host_dir "$1")/agent"; }
agent_conf()    { echo "$(agent_dir "$1")/nova.conf"; }
agent_pidfile() { echo "$(agent_dir "$1")/agent.pid"; }
agent_log()     { echo "$(agent_dir "$1")/agent.log"; }

# agent_pid H: the pid of host H's agent started by './lab agents up', when it runs (its command line names its
# own nova.conf, so neither a reused pid nor a test's agent passes)
agent_pid() {
  local f
  f=$(agent_pidfile "$1")
  pid_alive "$f" "$(agent_conf "$1")" && tr -dc 0-9 <"$f"
}

# agent_others H: pids of agent JVMs in host H's network namespace other than the one of './lab agents up' (a
# test's LabAgents); two agents of one host would share its queue.
agent_others() {
  local h=$1 own p out=""
  own=$(agent_pid "$h" || true)
  for p in $(ip netns pids "$(host_netns "$h")" 2>/dev/null); do
    [ "$p" != "$own" ] || continue
    if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qE "$LAB_AGENT_MARK"; then out="$out $p"; fi
  done
  echo "${out# }"
}

# agent_in_host_ns H PID: process PID runs in host H's network and mount namespaces
agent_in_host_ns() {
  local h=$1 pid=$2
  host_mnt_alive "$h" || return 1
  [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "mnt:[$(host_mnt_ino "$h")]" ] || return 1
  [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "net:[$(stat -c %i "/run/netns/$(host_netns "$h")" 2>/dev/null)]" ]
}

# agent_ns_check H: host H has both namespaces and its libvirtd runs in its mount namespace; an agent beside a
# libvirtd outside it would create instance dirs that the host's QEMUs do not see.
agent_ns_check() {
  local h=$1
  [ -e "/run/netns/$(host_netns "$h")" ] || die "host-$h has no network namespace: run ./lab up"
  host_mnt_current "$h" || die "host-$h's libvirtd does not run in its mount namespace $(host_mntns "$h"): run ./lab up"
}

# agent_exec H CMD...: replaces this shell by CMD inside host H's network and mount namespaces (the pid stays:
# the caller's process handle is the agent's JVM). nsenter leaves /sys as it is (no remount: cgroups stay
# visible) and starts CMD in / of the host's namespace, so CMD names its files by absolute paths.
agent_exec() {
  local h=${1:-}
  host_check_name "$h"
  shift
  if [ "${1:-}" = -- ]; then shift; fi
  [ $# -gt 0 ] || die "usage: ./lab agents exec X -- CMD..."
  agent_ns_check "$h"
  exec nsenter --net="/run/netns/$(host_netns "$h")" --mount="$(host_mntns "$h")" -- "$@"
}

# agent_jar: the newest runnable agent jar of this checkout (empty when none is built)
agent_jar() {
  local j newest=""
  for j in "$LAB_REPO"/agent/target/agent-*-all.jar; do
    [ -f "$j" ] || continue
    if [ -z "$newest" ] || [ "$j" -nt "$newest" ]; then newest=$j; fi
  done
  echo "$newest"
}

# agent_build: the runnable jar, in one reactor run (never 'mvn install'), tests skipped
agent_build() {
  local out
  out=$(mktemp /tmp/nova-libvirt-agent-build.XXXXXX)
  log "building the agent's runnable jar (mvn -pl agent -am package; log $out)"
  # shellcheck disable=SC2086
  ( cd "$LAB_REPO" && exec nice -n 10 mvn -B -q --no-transfer-progress ${LAB_MVN_OPTS:-} -pl agent -am package \
      -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true ) </dev/null >"$out" 2>&1 \
    || { tail -40 "$out" >&2; die "the agent's build failed; see $out"; }
  rm -f "$out"
}

# agent_conf_write H: host H's nova.conf, as an operator writes one per host (the same options as the tests'
# ContractLab.novaConf, with the common instances_path and the host's own libvirtd). Mode 0600: transport_url
# holds the broker's password, which goes from its file into this one and never onto a command line.
agent_conf_write() {
  local h=$1 conf url_file ip
  conf=$(agent_conf "$h"); ip=$(host_ip "$h")
  url_file=$(env_get RABBIT_TRANSPORT_URL_FILE)
  if [ -z "$url_file" ] || [ ! -s "$url_file" ]; then
    die "lab.env names no RabbitMQ (RABBIT_TRANSPORT_URL_FILE): run ./lab up (without LAB_RABBITMQ=0)"
  fi
  mkdir -p "$(agent_dir "$h")"
  ( umask 077
    { echo "# nova.conf of host-$h's agent, written by './lab agents up'"
      echo "[DEFAULT]"
      echo "host = host-$h"
      echo "instances_path = $LAB_NOVA_INSTANCES_PATH"
      printf 'transport_url = '; cat "$url_file"
      echo "[libvirt]"
      echo "connection_uri = $LAB_AGENT_LIBVIRT_URI"
      echo "virt_type = ${CONTRACT_VIRT_TYPE:-qemu}"
      echo "images_type = rbd"
      echo "images_rbd_pool = $(env_get POOL_VMS)"
      echo "images_rbd_ceph_conf = $CEPH_CONF"
      echo "rbd_user = $(env_get CEPH_USER)"
      echo "rbd_secret_uuid = $(env_get RBD_SECRET_UUID)"
      echo "disk_cachemodes = network=writeback"
      echo "live_migration_inbound_addr = $ip"
      echo "[vnc]"
      echo "server_listen = $ip"
    } >"$conf.tmp"
    mv -f "$conf.tmp" "$conf" )
}

# agent_start H JAR: starts host H's agent in the background (returns at once; agent_wait waits for it). The
# previous run's log is kept as agent.log.1.
agent_start() {
  local h=$1 jar=$2 pid others out
  if pid=$(agent_pid "$h"); then log "host-$h: agent already runs (pid $pid)"; return 0; fi
  others=$(agent_others "$h")
  [ -z "$others" ] || die "host-$h: another agent runs in its namespace (pid $others, e.g. a test's); it serves the same queue (compute.host-$h)"
  agent_ns_check "$h"
  agent_conf_write "$h"
  out=$(agent_log "$h")
  if [ -s "$out" ]; then mv -f "$out" "$out.1"; fi
  # the subshell execs down to the JVM, so $! is the agent's pid; no lock fds, no stdin
  # shellcheck disable=SC2086
  ( agent_exec "$h" java ${LAB_AGENT_JAVA_OPTS:-} -jar "$jar" --config-file "$(agent_conf "$h")" ) \
    9>&- 8>&- 7>&- </dev/null >>"$out" 2>&1 &
  echo $! >"$(agent_pidfile "$h")"
  log "host-$h: agent starting (pid $!, log $out)"
}

# agent_serving H: the agent runs and has said so in its log
agent_serving() {
  agent_pid "$1" >/dev/null && grep -qF "agent of host-$1 serving" "$(agent_log "$1")" 2>/dev/null
}

# agent_settled H: the agent serves, or its process is gone
agent_settled() {
  local p
  agent_serving "$1" && return 0
  p=$(tr -dc 0-9 <"$(agent_pidfile "$1")" 2>/dev/null || true)
  [ -n "$p" ] && [ -d "/proc/$p" ] || return 0
  return 1
}

# agent_wait H: until host H's agent serves; its log's end when it ended or did not serve in time
agent_wait() {
  local h=$1
  waitfor "$LAB_AGENT_READY" agent_settled "$h" || true
  if agent_serving "$h"; then
    log "host-$h: agent serves (pid $(agent_pid "$h"), $LAB_AGENT_LIBVIRT_URI, instances_path $LAB_NOVA_INSTANCES_PATH)"
    return 0
  fi
  tail -20 "$(agent_log "$h")" >&2 || true
  agent_pid "$h" >/dev/null || die "host-$h: the agent ended before it served; see $(agent_log "$h")"
  die "host-$h: the agent does not serve after $LAB_AGENT_READY s; see $(agent_log "$h")"
}

# agent_stop H: SIGTERM (running steps finish: exit 0, or 1 when cut off), SIGKILL after LAB_AGENT_STOP seconds
agent_stop() {
  local h=$1 pid
  pid=$(agent_pid "$h") || { rm -f "$(agent_pidfile "$h")"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  if ! waitfor "$LAB_AGENT_STOP" test ! -d "/proc/$pid"; then
    warn "host-$h: agent $pid still runs $LAB_AGENT_STOP s after SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    waitfor 10 test ! -d "/proc/$pid" || true
  fi
  rm -f "$(agent_pidfile "$h")"
  log "host-$h: agent $pid stopped"
}

# agent_hosts [X...]: the named hosts (a, host-a, ...), or every host of the lab
agent_hosts() {
  local x
  if [ $# = 0 ]; then hosts_list; return; fi
  for x in "$@"; do host_check_name "${x#host-}"; echo "${x#host-}"; done
}
