#!/usr/bin/env bash
# mon-move: renumber the Ceph monitor like an operator would (add new mon, wait quorum, remove old): [to IP | back | status]
#
#   ./lab mon-move              move the monitor to 198.18.0.2 (or back home if it is there already)
#   ./lab mon-move to IP        move it to IP (a free address of the lab bridge, 198.18.0.2..9)
#   ./lab mon-move back         move it home: mon 'a' on 198.18.0.1
#   ./lab mon-move status       monmap, quorum, ceph.conf and lab.env monitor lines
#
# The lab has one monitor. A move starts a second one on the new address (it joins by itself), waits until
# both are in quorum, lists both in ceph.conf, removes the old one from the monmap, stops it, and leaves
# ceph.conf and lab.env (CEPH_MON_HOST, CEPH_MON_HOSTS) naming only the new one. Running clients (QEMU's
# librbd, OSD, mgr) follow the monmap and never notice; a domain definition that lists the old address does
# not boot any more until it is refreshed. A failed start of the new monitor leaves the cluster as it was.
# The moved monitor is named mv<last octet> ('a' again at home). Every step holds the lab lock.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

MM_HOME_NAME=a
MM_DEFAULT_IP=$LAB_NET.2

mm_log() { log "mon-move: $*"; }

# current monitors as "name ip" lines, from the live monmap
mm_mons() {
  timeout 20 ceph mon dump -f json 2>/dev/null \
    | jq -r '.mons[] | .name + " " + ((.public_addrs.addrvec[] | select(.type=="v2") | .addr) // .addr | split(":")[0])'
}

mm_quorum() { timeout 20 ceph quorum_status -f json 2>/dev/null | jq -r '.quorum_names | sort | join(",")'; }

mm_leader() { timeout 20 ceph quorum_status -f json 2>/dev/null | jq -r '.quorum_leader_name'; }
mm_leader_is() { [ "$(mm_leader)" = "$1" ]; }

mm_addrv() { echo "[v2:$1:3300,v1:$1:6789]"; }

# mm_quorum_is NAMES [MON_ADDRV]: the quorum is exactly NAMES (comma-separated, sorted), asking MON_ADDRV if given
mm_quorum_is() {
  local q
  q=$(timeout 20 ceph ${2:+--mon-host "$2"} quorum_status -f json 2>/dev/null | jq -r '.quorum_names | sort | join(",")') || return 1
  [ "$q" = "$1" ]
}

# rewrite the 'mon host' line of ceph.conf atomically (readers never see a half-written file)
mm_conf_set() {
  local tmp=$CEPH_CONF.mm.$$
  sed "s|^mon host = .*|mon host = $1|" "$CEPH_CONF" >"$tmp"
  grep -qxF "mon host = $1" "$tmp" || { rm -f "$tmp"; die "could not rewrite 'mon host' in $CEPH_CONF"; }
  mv -f "$tmp" "$CEPH_CONF"
}

mm_env_update() {
  [ -f "$LAB_ENV_FILE" ] || return 0
  if declare -F env_write >/dev/null; then env_write; fi
  mm_log "lab.env: $(grep '^CEPH_MON_HOST' "$LAB_ENV_FILE" | paste -sd' ' -)"
}

mm_ip_on_bridge() { ip -o -4 addr show dev "$LAB_BRIDGE" | awk '{print $4}' | cut -d/ -f1 | grep -qx "$1"; }

mm_check_ip() {
  [[ "$1" =~ ^198\.18\.0\.([0-9]+)$ ]] || die "monitor address must be on the lab bridge (198.18.0.x), got '$1'"
  local o=${BASH_REMATCH[1]}
  [ "$1" = "$LAB_MON_IP" ] || { [ "$o" -ge 2 ] && [ "$o" -le 9 ]; } \
    || die "use $LAB_MON_IP (home) or 198.18.0.2..9 (198.18.0.1x are lab hosts), got '$1'"
}

mm_status() {
  echo "monmap:   $(mm_mons | paste -sd, -)"
  echo "quorum:   $(mm_quorum)"
  echo "ceph.conf $(grep '^mon host' "$CEPH_CONF")"
  [ -f "$LAB_ENV_FILE" ] && grep '^CEPH_MON_HOST' "$LAB_ENV_FILE" || true
}

# mm_move IP: the whole renumbering; idempotent when the monitor is already on IP
mm_move() {
  local ip=$1 new old old_ip added_ip= tmp pid
  mm_check_ip "$ip"
  [ "$(mm_mons | wc -l)" = 1 ] || die "expected exactly one monitor, monmap has: $(mm_mons | paste -sd, -)"
  read -r old old_ip < <(mm_mons)
  if [ "$old_ip" = "$ip" ]; then mm_log "monitor $old already on $ip"; mm_conf_set "$(mm_addrv "$ip")"; mm_env_update; return 0; fi
  if [ "$ip" = "$LAB_MON_IP" ]; then new=$MM_HOME_NAME; else new=mv${ip##*.}; fi
  [ "$new" != "$old" ] || die "new and old monitor would both be named $new"
  mm_log "moving mon.$old ($old_ip) -> mon.$new ($ip)"

  if ! mm_ip_on_bridge "$ip"; then ip addr add "$ip/24" dev "$LAB_BRIDGE"; added_ip=$ip; fi
  tmp=$(mktemp -d "$LAB_CEPH/mon-move.XXXXXX")
  # the mon. key and the current monmap seed the new monitor's store; the key stays in files (0600)
  ceph auth get mon. -o "$tmp/keyring" >/dev/null 2>&1
  ceph mon getmap -o "$tmp/monmap" >/dev/null 2>&1
  rm -rf "$LAB_CEPH/mon/ceph-$new"
  mkdir -p "$LAB_CEPH/mon/ceph-$new"
  ceph-mon -c "$CEPH_CONF" --mkfs -i "$new" --monmap "$tmp/monmap" --keyring "$tmp/keyring" 2>"$tmp/mkfs.err" \
    || { cat "$tmp/mkfs.err" >&2; rm -rf "$tmp" "$LAB_CEPH/mon/ceph-$new"; [ -z "$added_ip" ] || ip addr del "$ip/24" dev "$LAB_BRIDGE"; die "mkfs of mon.$new failed"; }
  rm -rf "$tmp"
  # not in the monmap yet: it probes the existing monitor and joins (no 'ceph mon add' first, so a monitor
  # that fails to start never costs the cluster its quorum)
  # 9>&-: the daemon must not inherit (and keep) the lab lock's file descriptor
  detached ceph-mon -c "$CEPH_CONF" -i "$new" --public-addrv "$(mm_addrv "$ip")"
  if ! waitfor 90 mm_quorum_is "$(printf '%s\n' "$old" "$new" | sort | paste -sd, -)"; then
    pid=$(cat "$LAB_CEPH/run/ceph-mon.$new.pid" 2>/dev/null || true)
    [ -z "$pid" ] || kill_pids "$pid"
    if mm_mons | grep -q "^$new "; then
      die "mon.$new joined the monmap but not the quorum; the cluster needs it: see $LAB_CEPH/log/ceph-mon.$new.log"
    fi
    rm -rf "$LAB_CEPH/mon/ceph-$new"; [ -z "$added_ip" ] || ip addr del "$ip/24" dev "$LAB_BRIDGE"
    die "mon.$new did not join the quorum (cluster unchanged); see $LAB_CEPH/log/ceph-mon.$new.log"
  fi
  mm_log "quorum: $(mm_quorum)"
  mm_conf_set "$(mm_addrv "$ip"),$(mm_addrv "$old_ip")"

  pid=$(cat "$LAB_CEPH/run/ceph-mon.$old.pid" 2>/dev/null || true)
  # The old monitor must not lead when it is removed: a leader commits the monmap without itself and exits at
  # once, and on a busy machine that commit may not have reached the new monitor yet, which is then left probing
  # with a monmap that still lists the dead one: two monitors, one alive, no quorum ever (seen in CI). Ranks follow
  # addresses, so moving away from the lowest address always removes the leader: it is disallowed first.
  if [ "$(mm_leader)" != "$new" ]; then
    ceph mon set election_strategy disallow >/dev/null 2>&1 || die "cannot set the disallow election strategy"
    ceph mon add disallowed_leader "$old" >/dev/null 2>&1 || die "cannot disallow mon.$old as leader"
    waitfor 60 mm_leader_is "$new" || die "mon.$new did not become the leader: $(mm_leader)"
    mm_log "mon.$new leads"
  fi
  ceph mon remove "$old" >/dev/null 2>&1 || die "ceph mon remove $old failed"
  waitfor 60 mm_quorum_is "$new" "$(mm_addrv "$ip")" \
    || die "after removing mon.$old the quorum is not {$new}: $(mm_quorum)"
  # back to the default strategy (a removed monitor leaves the disallowed list with it)
  ceph mon set election_strategy classic >/dev/null 2>&1 || die "cannot restore the classic election strategy"
  mm_conf_set "$(mm_addrv "$ip")"
  if [ -n "$pid" ] && pid_alive "$LAB_CEPH/run/ceph-mon.$old.pid" "$CEPH_CONF"; then kill_pids "$pid"; fi
  rm -f "$LAB_CEPH/run/ceph-mon.$old.pid"
  rm -rf "$LAB_CEPH/mon/ceph-$old"
  # the old address leaves the bridge unless it is the bridge's own (home) address, where mgr and OSD listen
  if [ "$old_ip" != "$LAB_MON_IP" ] && mm_ip_on_bridge "$old_ip"; then ip addr del "$old_ip/24" dev "$LAB_BRIDGE"; fi
  mm_env_update
  mm_log "done: monmap $(mm_mons | paste -sd, -), $(grep '^mon host' "$CEPH_CONF")"
}

need_root
case "${1:-}" in
  status) mm_status ;;
  back) lab_lock; mm_move "$LAB_MON_IP" ;;
  to) [ $# = 2 ] || die "usage: ./lab mon-move to IP"; lab_lock; mm_move "$2" ;;
  "")
    lab_lock
    cur=$(mm_mons | awk 'NR==1{print $2}')
    if [ "$cur" = "$LAB_MON_IP" ]; then mm_move "$MM_DEFAULT_IP"; else mm_move "$LAB_MON_IP"; fi ;;
  *) sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
