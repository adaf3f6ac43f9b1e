# hosts.sh - the lab's libvirt hosts. Host <x> (a, b, c, ...) is a libvirtd in its own network namespace
# (address 198.18.0.1<n>, n = position of x in the alphabet) and its own persistent mount namespace (see host_mnt_up)
# in which /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/log/libvirt, /var/cache/libvirt and /etc/pki are
# bind-mounted from $LAB_STATE/host-<x>/{etc,run,lib,log,cache,pki}, and the instances_path every host has
# ($LAB_NOVA_INSTANCES_PATH, as Nova assumes) from $LAB_STATE/host-<x>/instances. libvirtd listens on tcp (16509, no
# auth) and, unless LAB_TLS=0, on tls (16514, client certificates of the lab CA with an allowed DN; see pki.sh). Each
# host has its own host_uuid; outside its namespace its instances_path is seen at $LAB_STATE/host-<x>/instances
# (the in-process tests use that path). Hosts a and b are the lab's; others are added on demand.
# shellcheck shell=bash

LAB_DEFAULT_HOSTS="a b"
# in-namespace libvirt dir -> subdir of the host's state dir
# (/etc/pki: the host's own certificates; the machine's /etc/pki, if any, stays as it is outside the hosts)
LAB_HOST_BINDS="/etc/libvirt:etc /run/libvirt:run /var/lib/libvirt:lib /var/log/libvirt:log /var/cache/libvirt:cache /etc/pki:pki"
# Nova's default instances_path ($state_path/instances): the same path on every host, each its own dir behind it
LAB_NOVA_INSTANCES_PATH=${LAB_NOVA_INSTANCES_PATH:-/var/lib/nova/instances}
# the hosts' mount namespace files (nlab-host-<x>), as /run/netns holds their network namespaces; a private mount
# (see host_mnt_dir_ready), outside LAB_STATE so that removing the state never meets a mounted file
LAB_MNTNS_DIR=${LAB_MNTNS_DIR:-/run/nlab-mntns}

host_check_name() { [[ "$1" =~ ^[a-i]$ ]] || die "host name must be one letter a..i, got '$1'"; }

# extra_host_arg COMMAND ARG: sets EXTRA_HOST to the letter of an added host (c..i) named by ARG ("c" or
# "host-c"); the lab's own hosts are refused: up and down manage them.
extra_host_arg() {
  EXTRA_HOST=${2#host-}
  [ -n "$EXTRA_HOST" ] || die "usage: ./lab $1 X   (X = c..i)"
  host_check_name "$EXTRA_HOST"
  case " $LAB_DEFAULT_HOSTS " in
    *" $EXTRA_HOST "*) die "host-$EXTRA_HOST is one of the lab's own hosts; './lab up' and './lab down' manage it" ;;
  esac
}
host_index()  { printf '%d' "$(( $(printf '%d' "'$1") - 96 ))"; }   # a -> 1
host_ip()     { echo "$LAB_NET.$(( 10 + $(host_index "$1") ))"; }
host_dir()    { echo "$LAB_STATE/host-$1"; }
host_netns()  { echo "nlab-host-$1"; }
host_veth()   { echo "nlab-veth-$1"; }
host_mntns()  { echo "$LAB_MNTNS_DIR/nlab-host-$1"; }
host_uri()    { echo "qemu+tcp://$(host_ip "$1")/system"; }
# the same libvirtd over TLS, as the controller (the tests) reaches it: its client certificate via pkipath
host_tls_uri() { echo "qemu+tls://$(host_ip "$1")/system?pkipath=$LAB_PKI/controller"; }
host_mac()    { printf '02:1a:b0:00:00:%02x\n' "$(host_index "$1")"; }   # fixed: a restart keeps ARP entries valid
host_uuid()   { printf '1ab0000%s-0000-4000-8000-%012x\n' "$(host_index "$1")" "$(host_index "$1")"; }
host_virsh()  { local h=$1; shift; virsh -q -c "$(host_uri "$h")" "$@"; }

# hosts of the lab: the defaults plus any added ones that have a state dir
hosts_list() {
  { for h in $LAB_DEFAULT_HOSTS; do echo "$h"; done
    for d in "$LAB_STATE"/host-?; do if [ -f "$d/added" ]; then basename "$d" | sed 's/^host-//'; fi; done
  } | sort -u
}

host_env() {
  local h=$1 H
  H=$(echo "$1" | tr a-z A-Z)
  echo "HOST_${H}_NAME=host-$h"
  echo "HOST_${H}_URI=$(host_uri "$h")"
  echo "HOST_${H}_IP=$(host_ip "$h")"
  echo "HOST_${H}_UUID=$(host_uuid "$h")"
  echo "HOST_${H}_INSTANCES_PATH=$(host_dir "$h")/instances"
  echo "HOST_${H}_STATE=$(host_dir "$h")"
  echo "HOST_${H}_NETNS=$(host_netns "$h")"
  echo "HOST_${H}_MNTNS=$(host_mntns "$h")"   # its mount namespace (nsenter --mount=...)
  echo "HOST_${H}_VETH=$(host_veth "$h")"   # its port on the bridge (where a capture sees all its traffic)
  if pki_tls_on; then echo "HOST_${H}_TLS_URI=$(host_tls_uri "$h")"; fi
}

bridge_up() {
  local other
  # the mon address on another interface (another lab's leftover) would split the lab's traffic: refuse
  other=$(ip -o -4 addr show to "$LAB_MON_IP/32" | awk -v br="$LAB_BRIDGE" '$2 != br {print $2; exit}')
  [ -z "$other" ] || die "$LAB_MON_IP is already on interface $other (not the lab's $LAB_BRIDGE); remove it first"
  if ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    ip link add "$LAB_BRIDGE" type bridge
    ip addr add "$LAB_MON_IP/24" dev "$LAB_BRIDGE"
  fi
  ip link set "$LAB_BRIDGE" up
}

bridge_down() {
  ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1 || ip link del "$LAB_BRIDGE"
}

host_healthy() {
  local h=$1
  [ -e "/run/netns/$(host_netns "$h")" ] || return 1
  pid_alive "$(host_dir "$h")/run/libvirtd.pid" libvirtd || return 1
  timeout 10 virsh -q -c "$(host_uri "$h")" secret-get-value "$(cat "$LAB_CEPH/secret-uuid" 2>/dev/null)" \
    >/dev/null 2>&1
}

# host_reusable: healthy, or its libvirtd runs and answers within 30 s (a busy machine is no dead host)
host_reusable() {
  local h=$1
  host_healthy "$h" && return 0
  pid_alive "$(host_dir "$h")/run/libvirtd.pid" libvirtd || return 1
  log "host-$h: libvirtd runs but does not answer yet; waiting up to 30 s"
  waitfor 30 host_healthy "$h"
}

# host_stop: kills every process in the host's netns (libvirtd, its qemus, agents) and in its mount namespace,
# removes netns + veth and the mount namespace.
host_stop() {
  local h=$1 ns pids
  ns=$(host_netns "$h")
  if [ -e "/run/netns/$ns" ]; then
    pids=$(ip netns pids "$ns" 2>/dev/null)
    # shellcheck disable=SC2086
    [ -z "$pids" ] || { log "host-$h: stopping $(echo $pids | wc -w) processes in netns $ns"; kill_pids $pids; }
    ip netns del "$ns"
  fi
  # deleting the netns destroys the veth pair asynchronously: it may vanish between the check and the delete
  if ip link show "$(host_veth "$h")" >/dev/null 2>&1; then ip link del "$(host_veth "$h")" 2>/dev/null || true; fi
  host_mnt_down "$h"
  rm -f "$(host_dir "$h")/run/libvirtd.pid" "$(agent_pidfile "$h")"
}

host_net_up() {
  local h=$1 ns veth
  ns=$(host_netns "$h"); veth=$(host_veth "$h")
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip -n "$ns" link set eth0 address "$(host_mac "$h")"
  ip neigh flush to "$(host_ip "$h")" 2>/dev/null || true
  ip link set "$veth" master "$LAB_BRIDGE" up
  ip -n "$ns" addr add "$(host_ip "$h")/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  host_net_tune "$h"
}

# host_net_tune: keeps the kernel's ephemeral ports (32768-60999) off QEMU's incoming migration ports: a guest's
# own librbd connections from this netns could otherwise hold one of them and the next 'migrate-incoming' on it
# fails with "Failed to find an available port: Address already in use" (seen once in CI, RbdCacheIT).
# Per network namespace; idempotent.
host_net_tune() {
  ip netns exec "$(host_netns "$1")" sysctl -q -w net.ipv4.ip_local_reserved_ports=49152-49215
}

# some host has QEMU's capabilities cached (host_config seeds a new host's cache from it)
host_caps_cached() {
  compgen -G "$LAB_STATE/host-?/cache/qemu/capabilities/*.xml" >/dev/null
}

# host_config: the host's private libvirt dirs and config. Domain definitions, secrets and the QEMU
# capabilities cache of an earlier run are kept: they make a restart fast and lose nothing.
host_config() {
  local h=$1 d ip
  d=$(host_dir "$h"); ip=$(host_ip "$h")
  mkdir -p "$d"/{run,log/qemu,cache,instances}
  [ -d "$d/etc" ] || cp -a /etc/libvirt "$d/etc"
  [ -d "$d/lib" ] || cp -a /var/lib/libvirt "$d/lib"
  # QEMU's capabilities cache from a sibling host spares a new host the seconds-long probe (libvirtd
  # checks the cache against the QEMU binary and reprobes when it does not match)
  if [ -z "$(ls -A "$d/cache" 2>/dev/null)" ]; then
    local sib
    for sib in "$LAB_STATE"/host-?/cache/qemu/capabilities; do
      if [ -d "$sib" ] && [ "$sib" != "$d/cache/qemu/capabilities" ]; then cp -a "$(dirname "$sib")" "$d/cache/"; break; fi
    done
  fi
  pki_host "$h"
  cat >"$d/etc/libvirtd.conf" <<CONF
# host-$h of the nova-libvirt lab (written by ./lab up)
listen_tls = $(pki_tls_on && echo 1 || echo 0)
listen_tcp = 1
listen_addr = "$ip"
tcp_port = "16509"
auth_tcp = "none"
auth_unix_ro = "none"
auth_unix_rw = "none"
host_uuid = "$(host_uuid "$h")"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
CONF
  # TLS: the default /etc/pki/{CA,libvirt} paths; client certificates are verified (the default) and their DN
  # must match the list (the outsider's does not)
  if pki_tls_on; then
    cat >>"$d/etc/libvirtd.conf" <<CONF
tls_port = "16514"
auth_tls = "none"
tls_allowed_dn_list = [ $LAB_PKI_ALLOWED_DN ]
CONF
  fi
  # no cgroups (two libvirtds would share machine/qemu-<id>-<name>), no per-domain namespaces, no
  # security driver, no virtlogd; migrations go over the host's own address.
  cat >"$d/etc/qemu.conf" <<CONF
# host-$h of the nova-libvirt lab (written by ./lab up)
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
namespaces = [ ]
cgroup_controllers = [ ]
stdio_handler = "file"
migration_host = "$ip"
migration_address = "$ip"
migration_port_min = 49152
migration_port_max = 49215
CONF
  # QEMU's native TLS for the migration stream (VIR_MIGRATE_TLS), both ends verifying the other's certificate
  if pki_tls_on; then
    cat >>"$d/etc/qemu.conf" <<CONF
default_tls_x509_cert_dir = "/etc/pki/qemu"
migrate_tls_x509_cert_dir = "/etc/pki/qemu"
migrate_tls_x509_verify = 1
CONF
  fi
}

# host_config_current H: the host's written configuration matches this lab's TLS setting and, with TLS, its
# certificates are current; a reused host that fails this gets host_config and a restart of libvirtd alone.
host_config_current() {
  local conf
  conf="$(host_dir "$1")/etc/libvirtd.conf"
  if pki_tls_on; then
    grep -qx 'listen_tls = 1' "$conf" && grep -qx 'migrate_tls_x509_verify = 1' "$(host_dir "$1")/etc/qemu.conf" \
      && pki_host_current "$1"
  else
    grep -qx 'listen_tls = 0' "$conf"
  fi
}

# host_start: libvirtd of host <h> in its own netns (nsenter: 'ip netns exec' would hide /sys/fs/cgroup) and its
# mount namespace (made or completed first); -p keeps its pidfile inside its own /run/libvirt. Every (re)start
# enters the same mount namespace, so a restarted libvirtd sees what its running guests' QEMUs see.
host_start() {
  local h=$1
  host_mnt_up "$h"
  detached nsenter --net="/run/netns/$(host_netns "$h")" --mount="$(host_mntns "$h")" -- \
    libvirtd -d -l -p /run/libvirt/libvirtd.pid
}

# ---------------------------------------------------------------- mount namespaces
# Each host's mount namespace is persistent, as 'ip netns' keeps a network namespace: unshare(1) bind-mounts it on
# $(host_mntns H), so it outlives every process in it. Its mounts are private (nothing leaks back to the machine),
# its binds point into the host's state dir. libvirtd (hence its QEMUs) and the host's agent enter it with nsenter.

# host_mnt_dir_ready: LAB_MNTNS_DIR as a private mount of its own. unshare(1) cannot bind a mount namespace onto
# a shared mount (the new namespace would receive its own file: a loop the kernel refuses).
host_mnt_dir_ready() {
  mkdir -p "$LAB_MNTNS_DIR"
  mountpoint -q "$LAB_MNTNS_DIR" || mount --bind "$LAB_MNTNS_DIR" "$LAB_MNTNS_DIR"
  mount --make-private "$LAB_MNTNS_DIR"
}

# host_mnt_alive H: $(host_mntns H) is a mount namespace (a plain file left by a dead lab is not)
host_mnt_alive() { nsenter --mount="$(host_mntns "$1")" -- true 2>/dev/null; }

# host_mnt_ino H: the namespace's inode (what /proc/PID/ns/mnt of a process in it reads as mnt:[INODE])
host_mnt_ino() { stat -c %i "$(host_mntns "$1")"; }

# host_mnt_up H: the host's mount namespace, made when missing, with every bind in place (idempotent: a bind that
# is missing or points elsewhere, e.g. a namespace made by an older lab, is (re)done; the others stay).
host_mnt_up() {
  local h=$1 f d b script=""
  f=$(host_mntns "$h"); d=$(host_dir "$h")
  if ! host_mnt_alive "$h"; then
    host_mnt_dir_ready
    umount "$f" 2>/dev/null || true   # a stale bind of a dead lab
    touch "$f"
    # The copies of the other hosts' /run/netns/* mounts go: inside nothing needs them, and they would keep a
    # network namespace that './lab' deletes alive for as long as this namespace lives.
    # shellcheck disable=SC2016
    unshare --mount="$f" --propagation private \
      sh -c 'for n in /run/netns/*; do umount "$n" 2>/dev/null || true; done'
    log "host-$h: mount namespace $f"
  fi
  for b in $LAB_HOST_BINDS "$LAB_NOVA_INSTANCES_PATH:instances"; do
    mkdir -p "${b%%:*}" "$d/${b#*:}"   # a host configured by an older lab may lack a newer bind's source
    # same device and inode = bound already; anything else (no bind, or a stale one) is replaced
    script="$script [ \"\$(stat -c %d:%i ${b%%:*})\" = \"\$(stat -c %d:%i $d/${b#*:})\" ] \
      || { umount -l ${b%%:*} 2>/dev/null; mount --bind $d/${b#*:} ${b%%:*}; } || exit 1;"
  done
  nsenter --mount="$f" -- sh -c "$script" || die "host-$h: cannot bind its dirs in mount namespace $f"
}

# host_mnt_pids H: processes in the host's mount namespace
host_mnt_pids() {
  local ino
  host_mnt_alive "$1" || return 0
  ino=$(host_mnt_ino "$1")
  # find fails on processes that end while it reads /proc: what it found still counts
  { find /proc -mindepth 3 -maxdepth 3 -path '/proc/[0-9]*/ns/mnt' -lname "mnt:\[$ino\]" 2>/dev/null || true; } \
    | cut -d/ -f3
}

# host_mnt_current H: the mount namespace exists and the host's libvirtd, if it runs, runs in it (one started by
# a lab from before these namespaces runs in an anonymous one: its QEMUs do not see the common instances_path).
host_mnt_current() {
  local h=$1 pid
  host_mnt_alive "$h" || return 1
  pid=$(host_libvirtd_pid "$h") || return 0
  [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "mnt:[$(host_mnt_ino "$h")]" ]
}

# host_mnt_down H: kills what still runs in the host's mount namespace, then removes it (it ends with its last
# process; its binds end with it).
host_mnt_down() {
  local h=$1 f pids
  f=$(host_mntns "$h")
  [ -e "$f" ] || return 0
  pids=$(host_mnt_pids "$h")
  # shellcheck disable=SC2086
  [ -z "$pids" ] || { log "host-$h: stopping $(echo $pids | wc -w) processes in its mount namespace"; kill_pids $pids; }
  umount "$f" 2>/dev/null || umount -l "$f" 2>/dev/null || true
  rm -f "$f"
}

# host_mnt_dir_down: the namespaces' dir once no host has one (./lab down)
host_mnt_dir_down() {
  compgen -G "$LAB_MNTNS_DIR/nlab-host-?" >/dev/null && return 0
  if mountpoint -q "$LAB_MNTNS_DIR" 2>/dev/null; then umount "$LAB_MNTNS_DIR" 2>/dev/null || umount -l "$LAB_MNTNS_DIR" || true; fi
  rmdir "$LAB_MNTNS_DIR" 2>/dev/null || true
}

host_wait() {
  local h=$1
  # each attempt is bounded: libvirtd accepts connections before it serves them
  waitfor 90 timeout 10 virsh -q -c "$(host_uri "$h")" version \
    || die "host-$h: libvirtd does not answer on $(host_uri "$h"); see $(host_dir "$h")/log/libvirtd.log"
}

# host_secret: the libvirt secret holding client.nova's key, same UUID on every host (as Nova expects).
host_secret() {
  host_define_secret "$1" "$(cat "$LAB_CEPH/secret-uuid")" "client.nova secret" "$LAB_CEPH/client.nova.key" secret.xml
}

# host_cinder_secret: the libvirt secret holding client.cinder's key (its own uuid, same on every host: the one
# Cinder's connection_info names as secret_uuid). Defined only when the host lacks it, so that calling it on
# every './lab up' for a reused host changes nothing there; a test that removed it restores it with
# './lab host-secrets X'.
host_cinder_secret() {
  local h=$1 uuid
  [ -s "$LAB_CEPH/cinder-secret-uuid" ] || die "the lab has no client.cinder yet: run ./lab up"
  uuid=$(cat "$LAB_CEPH/cinder-secret-uuid")
  # the value goes to /dev/null: only whether libvirt has one matters
  if timeout 10 virsh -q -c "$(host_uri "$h")" secret-get-value "$uuid" >/dev/null 2>&1; then return 0; fi
  host_define_secret "$h" "$uuid" "client.cinder secret" "$LAB_CEPH/client.cinder.key" cinder-secret.xml
  log "host-$h: libvirt secret $uuid (client.cinder) defined"
}

# host_define_secret H UUID USAGE KEYFILE XMLNAME: defines (or redefines) a ceph secret on host H and sets its
# value from KEYFILE.
host_define_secret() {
  local h=$1 uuid=$2 usage=$3 keyfile=$4 xml
  xml="$(host_dir "$h")/run/$5"
  cat >"$xml" <<XML
<secret ephemeral='no' private='no'>
  <uuid>$uuid</uuid>
  <usage type='ceph'><name>$usage</name></usage>
</secret>
XML
  host_virsh "$h" secret-define "$xml" >/dev/null
  # the key travels as a file (base64 content), never on a command line
  host_virsh "$h" secret-set-value --secret "$uuid" --file "$keyfile" >/dev/null
}
