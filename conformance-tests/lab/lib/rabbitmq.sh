# rabbitmq.sh - the lab's RabbitMQ (Debian's rabbitmq-server): one node with its own state dir, config, Erlang
# cookie and epmd (those two on loopback only), listening on one address and port, with one vhost and one user whose generated password is
# kept in a 0600 file (never on argv: the user is created from a definitions file holding only the password's
# salted SHA-256, which the node imports at boot) and the guest user removed. No systemd here: the node runs
# under its own pid, as user rabbitmq, started and stopped by these functions. Sourced after common.sh.
# shellcheck shell=bash

RABBIT_DIR=${RABBIT_DIR:-$LAB_STATE/rabbitmq}   # state dir: config, mnesia, logs, password, pids
RABBIT_ADDR=${RABBIT_ADDR:-$LAB_MON_IP}         # on the lab bridge, beside Ceph's mon
RABBIT_PORT=${RABBIT_PORT:-5672}
RABBIT_TLS_PORT=${RABBIT_TLS_PORT:-$(( RABBIT_PORT - 1 ))}   # amqps (5671), unless LAB_TLS=0
RABBIT_VHOST=${RABBIT_VHOST:-nova}
RABBIT_USER=${RABBIT_USER:-nova}
RABBIT_PACKAGES="rabbitmq-server"
RABBIT_SBIN=/usr/lib/rabbitmq/bin               # the real scripts; /usr/sbin's wrapper su's and cd's for itself

rabbit_node()          { echo "nlab-$RABBIT_PORT@localhost"; }   # one node per port: two labs never share a node
rabbit_epmd_port()     { echo $(( RABBIT_PORT - 1000 )); }       # not epmd's 4369: a package node may own it
rabbit_dist_port()     { echo $(( RABBIT_PORT + 20000 )); }      # RabbitMQ's own rule for the default port
rabbit_password_file() { echo "$RABBIT_DIR/password"; }
rabbit_url_file()      { echo "$RABBIT_DIR/transport_url"; }

# rabbit_as CMD...: runs CMD as user rabbitmq with the node's environment (the node, the CLI and epmd must agree).
# With RABBIT_AS_EXEC set it replaces the (background) subshell, so that $! is the daemon's own pid.
rabbit_as() {
  ${RABBIT_AS_EXEC:+exec} setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- env -i PATH=/usr/bin:/bin \
    HOME="$RABBIT_DIR/home" LANG=C.UTF-8 \
    RABBITMQ_NODENAME="$(rabbit_node)" RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/etc/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$RABBIT_DIR/etc/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/etc/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DIR/log" \
    RABBITMQ_PID_FILE="$RABBIT_DIR/run/beam.pid" RABBITMQ_DIST_PORT="$(rabbit_dist_port)" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$(rabbit_epmd_port)" "$@"
}

rabbit_ctl() { rabbit_as "$RABBIT_SBIN/rabbitmqctl" -q -s "$@"; }

rabbit_ensure_package() {
  local missing
  # shellcheck disable=SC2086
  missing=$(missing_packages $RABBIT_PACKAGES)
  [ -z "$missing" ] && return 0
  log "installing $missing"
  # Debian's postinst would start a default node on 0.0.0.0:5672 where services may start (not here: no systemd,
  # policy-rc.d); ours is started below and owns nothing of that one.
  # shellcheck source=apt.sh
  . "$LAB_DIR/lib/apt.sh"
  # shellcheck disable=SC2086
  apt_install $missing || die "apt-get install $missing failed"
}

# rabbit_password_hash < PASSWORD: RabbitMQ's rabbit_password_hashing_sha256 form, base64(salt + sha256(salt +
# password)) with a 4-byte salt. The password comes on stdin and only builtins see it.
rabbit_password_hash() {
  local salt pw
  IFS= read -r pw
  salt=$(head -c 4 /dev/urandom | xxd -p)
  { printf '%s' "$salt" | xxd -r -p; printf '%s' "$pw"; } | sha256sum | cut -c1-64 \
    | { read -r h; printf '%s%s' "$salt" "$h"; } | xxd -r -p | base64 -w0
}

# rabbit_config: state dir, config, definitions (vhost, user, permissions) and the 0600 password and URL files.
# A password already there is kept, so agents configured with it go on working across restarts.
rabbit_config() {
  local pw_file url_file pw hash
  pw_file=$(rabbit_password_file) url_file=$(rabbit_url_file)
  mkdir -p "$RABBIT_DIR"/{etc,mnesia,log,run,home}
  chmod 0711 "$RABBIT_DIR"
  chown rabbitmq:rabbitmq "$RABBIT_DIR"/{etc,mnesia,log,run,home}
  chmod 0700 "$RABBIT_DIR"/{etc,mnesia,log,home}
  chmod 0755 "$RABBIT_DIR/run"
  if [ ! -s "$pw_file" ]; then
    # URL-safe alphabet: the password goes into transport_url without %-escapes
    ( umask 077; head -c 24 /dev/urandom | base64 -w0 | tr '+/' '-_' >"$pw_file.tmp"; mv -f "$pw_file.tmp" "$pw_file" )
  fi
  chmod 0600 "$pw_file"
  pw=$(cat "$pw_file")
  hash=$(printf '%s\n' "$pw" | rabbit_password_hash)
  ( umask 077
    printf 'rabbit://%s:%s@%s:%s/%s\n' "$RABBIT_USER" "$pw" "$RABBIT_ADDR" "$RABBIT_PORT" "$RABBIT_VHOST" >"$url_file"
    cat >"$RABBIT_DIR/etc/definitions.json" <<JSON
{"users": [{"name": "$RABBIT_USER", "password_hash": "$hash",
            "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ["administrator"]}],
 "vhosts": [{"name": "$RABBIT_VHOST"}],
 "permissions": [{"user": "$RABBIT_USER", "vhost": "$RABBIT_VHOST", "configure": ".*", "write": ".*", "read": ".*"}]}
JSON
    cat >"$RABBIT_DIR/etc/rabbitmq.conf" <<CONF
listeners.tcp.default = $RABBIT_ADDR:$RABBIT_PORT
loopback_users.guest = true
definitions.import_backend = local_filesystem
definitions.local.path = $RABBIT_DIR/etc/definitions.json
log.file = rabbit.log
log.file.level = info
log.console = false
# a dev machine's disk may be fuller than RabbitMQ's default alarm likes; 24 GiB of RAM is plenty
disk_free_limit.absolute = 100MB
CONF
    if pki_tls_on; then rabbit_tls_config >>"$RABBIT_DIR/etc/rabbitmq.conf"; fi
    echo '[].' >"$RABBIT_DIR/etc/enabled_plugins"
    : >"$RABBIT_DIR/etc/rabbitmq-env.conf" )   # Debian's /etc/rabbitmq/rabbitmq-env.conf is not ours
  chown rabbitmq:rabbitmq "$RABBIT_DIR"/etc/*
  chmod 0600 "$RABBIT_DIR"/etc/*
  if [ -d "$RABBIT_DIR/etc/tls" ]; then chmod 0700 "$RABBIT_DIR/etc/tls"; fi   # a dir: 0600 would lock the node out
}

# rabbit_tls_config: the amqps listener's rabbitmq.conf lines; its certificate and key are copied into the node's
# own 0700 etc dir (the node runs as user rabbitmq and cannot read root's). Clients must present a certificate
# of the lab CA (verify_peer + fail_if_no_peer_cert), then log in with user and password as on 5672.
rabbit_tls_config() {
  local tls=$RABBIT_DIR/etc/tls
  mkdir -p "$tls"
  install -m 0644 "$(pki_ca_cert)" "$tls/ca-cert.pem"
  install -m 0644 "$LAB_PKI/rabbitmq/server-cert.pem" "$tls/server-cert.pem"
  install -m 0600 "$LAB_PKI/rabbitmq/server-key.pem" "$tls/server-key.pem"
  chown -R rabbitmq:rabbitmq "$tls"; chmod 0700 "$tls"
  cat <<CONF
listeners.ssl.default = $RABBIT_ADDR:$RABBIT_TLS_PORT
ssl_options.cacertfile = $tls/ca-cert.pem
ssl_options.certfile = $tls/server-cert.pem
ssl_options.keyfile = $tls/server-key.pem
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = true
CONF
}

# rabbit_config_current: the running node was configured with this lab's TLS setting and CA.
rabbit_config_current() {
  local conf=$RABBIT_DIR/etc/rabbitmq.conf
  if pki_tls_on; then
    grep -q '^listeners.ssl.default' "$conf" && cmp -s "$(pki_ca_cert)" "$RABBIT_DIR/etc/tls/ca-cert.pem" \
      && cmp -s "$LAB_PKI/rabbitmq/server-cert.pem" "$RABBIT_DIR/etc/tls/server-cert.pem"
  else
    ! grep -q '^listeners.ssl.default' "$conf"
  fi
}

rabbit_epmd_alive() { pid_alive "$RABBIT_DIR/run/epmd.pid" epmd; }
rabbit_alive()      { pid_alive "$RABBIT_DIR/run/rabbit.pid" rabbitmq-server; }

# rabbit_start: config, epmd and the node in the background (idempotent: a running node is kept).
rabbit_start() {
  rabbit_ensure_package
  if rabbit_alive && ! rabbit_config_current; then
    # a node from before amqps (or LAB_TLS changed, or the CA was rotated): it reads its listeners only at boot
    log "rabbitmq: TLS configuration outdated; restarting the node (its state and password stay)"
    rabbit_stop
  fi
  if rabbit_alive; then log "rabbitmq already runs (pid $(cat "$RABBIT_DIR/run/rabbit.pid"))"; return 0; fi
  rabbit_config
  if ! rabbit_epmd_alive; then
    # our own epmd on loopback, so the node never starts a shared one that outlives it
    ( RABBIT_AS_EXEC=1 rabbit_as epmd -address 127.0.0.1 -port "$(rabbit_epmd_port)" 9>&- 8>&- 7>&- </dev/null \
      >>"$RABBIT_DIR/log/epmd.log" 2>&1 ) &
    echo $! >"$RABBIT_DIR/run/epmd.pid"
  fi
  ( RABBIT_AS_EXEC=1 rabbit_as "$RABBIT_SBIN/rabbitmq-server" 9>&- 8>&- 7>&- </dev/null \
    >>"$RABBIT_DIR/log/startup.log" 2>&1 ) &
  echo $! >"$RABBIT_DIR/run/rabbit.pid"
  log "rabbitmq starting on $RABBIT_ADDR:$RABBIT_PORT (node $(rabbit_node), pid $(cat "$RABBIT_DIR/run/rabbit.pid"))"
}

# rabbit_ready: the node runs, has imported our definitions, and listens on our port.
rabbit_ready() {
  rabbit_alive || return 1
  rabbit_ctl --timeout 10 list_users 2>/dev/null | awk '{print $1}' | grep -qx -- "$RABBIT_USER" || return 1
  rabbit_ctl --timeout 10 list_vhosts 2>/dev/null | grep -qx -- "$RABBIT_VHOST" || return 1
  timeout 5 bash -c "exec 3<>/dev/tcp/$RABBIT_ADDR/$RABBIT_PORT" 2>/dev/null || return 1
  ! pki_tls_on || timeout 5 bash -c "exec 3<>/dev/tcp/$RABBIT_ADDR/$RABBIT_TLS_PORT" 2>/dev/null
}

# rabbit_wait [SECONDS]: waits until ready, then removes the guest user (a fresh node may have created it).
rabbit_wait() {
  waitfor "${1:-90}" rabbit_ready || die "rabbitmq did not get ready; see $RABBIT_DIR/log"
  if rabbit_ctl list_users 2>/dev/null | awk '{print $1}' | grep -qx guest; then
    rabbit_ctl delete_user guest >/dev/null
  fi
  local tls=""
  if pki_tls_on; then tls=", amqps on $RABBIT_TLS_PORT"; fi
  log "rabbitmq up: $RABBIT_USER@$RABBIT_ADDR:$RABBIT_PORT/$RABBIT_VHOST$tls (transport_url in $(rabbit_url_file))"
}

# rabbit_healthy: ready and the guest user gone (what status shows).
rabbit_healthy() {
  rabbit_ready || return 1
  ! rabbit_ctl --timeout 10 list_users 2>/dev/null | awk '{print $1}' | grep -qx guest
}

# rabbit_status: one line, exit 0 when healthy.
rabbit_status() {
  if rabbit_healthy; then
    echo "rabbitmq up on $RABBIT_ADDR:$RABBIT_PORT (node $(rabbit_node), pid $(cat "$RABBIT_DIR/run/rabbit.pid"))"
  else
    echo "rabbitmq DOWN ($RABBIT_ADDR:$RABBIT_PORT, state in $RABBIT_DIR)"; return 1
  fi
}

# rabbit_stop: the node gracefully (rabbitmqctl stop), then TERM/KILL by our pidfiles; epmd last. The state
# stays (rabbit_wipe removes it).
rabbit_stop() {
  local pid beam
  if rabbit_alive; then
    pid=$(tr -dc 0-9 <"$RABBIT_DIR/run/rabbit.pid")
    beam=$(tr -dc 0-9 <"$RABBIT_DIR/run/beam.pid" 2>/dev/null || true)
    log "stopping rabbitmq (pid $pid)"
    rabbit_ctl --timeout 20 stop >/dev/null 2>&1 || true
    kill_pids "$pid"
    if [ -n "$beam" ] && pid_alive "$RABBIT_DIR/run/beam.pid" beam; then kill_pids "$beam"; fi
  fi
  if rabbit_epmd_alive; then kill_pids "$(tr -dc 0-9 <"$RABBIT_DIR/run/epmd.pid")"; fi
  rm -f "$RABBIT_DIR"/run/*.pid
}

# rabbit_restart [--kill] [--down SECONDS]: RabbitMQ restarted under its clients (the agents, controllers, tests),
# on the same state, config and password, as an operator's restart or a crash would: the node stopped gracefully
# (rabbitmqctl stop: every connection gets CONNECTION_FORCED), or with --kill its Erlang VM SIGKILLed (connections
# reset, nothing flushed); --down keeps it stopped SECONDS before it starts again. A node that is not running is
# just started. Returns once the node is ready; prints how long it was away. Non-durable queues (oslo's default,
# amqp_durable_queues = false) and the messages in them are gone: the clients' recovery declares them again.
rabbit_pids_gone() { local p; for p in "$@"; do [ ! -d "/proc/$p" ] || return 1; done; }

rabbit_restart() {
  local kill="" down=0 t0 pid beam
  while [ $# -gt 0 ]; do
    case "$1" in
      --kill) kill=1 ;;
      --down) down=${2:-}; shift ;;
      *) die "usage: ./lab rabbit-restart [--kill] [--down SECONDS]   (got '$1')" ;;
    esac
    shift
  done
  [[ "$down" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "rabbit-restart: --down wants a number of seconds, got '$down'"
  t0=$(date +%s%N)
  if ! rabbit_alive; then
    log "rabbitmq does not run: starting it"
  elif [ -n "$kill" ]; then
    pid=$(tr -dc 0-9 <"$RABBIT_DIR/run/rabbit.pid")
    beam=$(tr -dc 0-9 <"$RABBIT_DIR/run/beam.pid" 2>/dev/null || true)
    log "killing rabbitmq (SIGKILL: pid $pid${beam:+, beam $beam})"
    kill -9 "$pid" ${beam:+"$beam"} 2>/dev/null || true
    # shellcheck disable=SC2086
    waitfor 10 rabbit_pids_gone "$pid" $beam || die "rabbitmq (pid $pid) survived SIGKILL"
    rm -f "$RABBIT_DIR/run/rabbit.pid" "$RABBIT_DIR/run/beam.pid"   # epmd stays: it forgets the dead node
  else
    rabbit_stop
  fi
  log "rabbitmq stopped after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  if [ "$down" != 0 ]; then log "keeping it down for $down s"; sleep "$down"; fi
  rabbit_start
  rabbit_wait 90
  log "rabbitmq back after $(( ($(date +%s%N) - t0) / 1000000 )) ms away"
}

rabbit_wipe() {
  rabbit_stop
  rm -rf "$RABBIT_DIR"
}

# rabbit_env: lab.env lines (paths to the secret files, never their contents).
rabbit_env() {
  echo "RABBIT_HOST=$RABBIT_ADDR"
  echo "RABBIT_PORT=$RABBIT_PORT"
  echo "RABBIT_VHOST=$RABBIT_VHOST"
  echo "RABBIT_USER=$RABBIT_USER"
  echo "RABBIT_PASSWORD_FILE=$(rabbit_password_file)"
  echo "RABBIT_TRANSPORT_URL_FILE=$(rabbit_url_file)"
  if pki_tls_on; then
    # amqps: the same user and password; nova.conf [oslo_messaging_rabbit] ssl = true, ssl_ca_file, and the
    # controller's client certificate (the listener requires one)
    echo "RABBIT_TLS_PORT=$RABBIT_TLS_PORT"
    echo "RABBIT_SSL_CA_FILE=$(pki_ca_cert)"
    echo "RABBIT_SSL_CERT_FILE=$LAB_PKI/controller/clientcert.pem"
    echo "RABBIT_SSL_KEY_FILE=$LAB_PKI/controller/clientkey.pem"
  fi
}
