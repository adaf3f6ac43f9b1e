# ceph.sh - the lab's single-node Ceph: 1 mon (a), 1 mgr (x), 1 bluestore OSD on a sparse file, cephx on,
# pool size 1, pools 'vms', 'images' and 'volumes', user client.nova with 'profile rbd' caps, and the base image; Cinder's
# side (pool 'volumes', user client.cinder) is ensured on every './lab up' by ceph_volumes_ensure.
# shellcheck shell=bash

ceph_fsid()     { sed -n 's/^fsid = //p' "$CEPH_CONF"; }
ceph_mon_host() { sed -n 's/^mon host = //p' "$CEPH_CONF"; }
# comma-separated mon IPs, from the live monmap when the mon answers (mon-move may have changed them)
ceph_mon_ips() {
  local ips
  ips=$(timeout 10 ceph mon dump -f json 2>/dev/null \
        | jq -r '[.mons[].public_addrs.addrvec[] | select(.type=="v2") | .addr | split(":")[0]] | unique | join(",")' 2>/dev/null)
  echo "${ips:-$LAB_MON_IP}"
}

ceph_pids() {  # pids of Ceph daemons started with OUR ceph.conf
  local f
  for f in "$LAB_CEPH"/run/*.pid; do
    pid_alive "$f" "$CEPH_CONF" && tr -dc 0-9 <"$f" && echo
  done
  pgrep -f -- "-c $CEPH_CONF" 2>/dev/null || true
}

# the daemons of this cluster run: some monitor (./lab mon-move renames it), mgr.x and osd.0
ceph_daemons_alive() {
  local f mon=
  for f in "$LAB_CEPH"/run/ceph-mon.*.pid; do pid_alive "$f" "$CEPH_CONF" && mon=1; done
  [ -n "$mon" ] && pid_alive "$LAB_CEPH/run/ceph-mgr.x.pid" "$CEPH_CONF" \
    && pid_alive "$LAB_CEPH/run/ceph-osd.0.pid" "$CEPH_CONF"
}

# healthy enough to be reused: daemons alive, mon answers, the OSD is up, pools and the base image exist
ceph_healthy() {
  [ -f "$CEPH_CONF" ] && [ -s "$LAB_CEPH/base-image-id" ] && [ -s "$LAB_CEPH/secret-uuid" ] || return 1
  ceph_daemons_alive || return 1
  timeout 15 ceph osd stat 2>/dev/null | grep -q '1 up' || return 1
  timeout 15 rbd info "images/$(cat "$LAB_CEPH/base-image-id")@snap" >/dev/null 2>&1 || return 1
  timeout 15 rbd ls vms >/dev/null 2>&1
}

# ceph_reusable: healthy, or its daemons run and it gets healthy within a minute. A busy machine (six
# builds at once) can make the mon slow to answer; that must never be taken for a dead lab and wiped.
ceph_reusable() {
  ceph_healthy && return 0
  ceph_daemons_alive || return 1
  log "ceph daemons run but do not answer yet; waiting up to 60 s before declaring the lab dead"
  waitfor 60 ceph_healthy
}

ceph_stop() {
  local pids
  pids=$(ceph_pids | sort -u)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || { log "stopping ceph daemons: $(echo $pids)"; kill_pids $pids; }
}

ceph_conf_write() {
  local fsid=$1
  cat >"$CEPH_CONF" <<CONF
[global]
fsid = $fsid
mon initial members = a
mon host = [v2:$LAB_MON_IP:3300,v1:$LAB_MON_IP:6789]
public network = $LAB_NET.0/24
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
run dir = $LAB_CEPH/run
admin socket = $LAB_CEPH/run/\$cluster-\$name.asok
log file = $LAB_CEPH/log/\$cluster-\$name.log
pid file = $LAB_CEPH/run/\$cluster-\$name.pid
mon data = $LAB_CEPH/mon/\$cluster-\$id
mgr data = $LAB_CEPH/mgr/\$cluster-\$id
osd data = $LAB_CEPH/osd/\$cluster-\$id
# The disk of a dev machine may be fuller than Ceph's defaults like (they would stop the mon).
mon data avail warn = 2
mon data avail crit = 1
[mon]
keyring = $LAB_CEPH/mon/\$cluster-\$id/keyring
[mgr]
keyring = $LAB_CEPH/mgr/\$cluster-\$id/keyring
[osd]
keyring = $LAB_CEPH/osd/\$cluster-\$id/keyring
osd objectstore = bluestore
bluestore block create = true
bluestore block size = 4294967296
bluestore block db create = false
bluestore block wal create = false
osd memory target = 939524096
[client]
# one keyring file per cephx user: client.admin for the lab scripts, client.nova for the library
keyring = $LAB_CEPH/\$cluster.\$name.keyring
# no admin socket for clients: concurrent clients of one user would fight over its path
admin socket =
CONF
}

# ceph_conf_upgrade: settings a running lab's ceph.conf got after it was written (ceph.conf ends with its
# [client] section), so that a reused lab behaves like a new one
ceph_conf_upgrade() {
  if ! grep -q '^admin socket =$' "$CEPH_CONF"; then
    cp "$CEPH_CONF" "$CEPH_CONF.tmp.$$"
    printf '# no admin socket for clients: concurrent clients of one user would fight over its path\nadmin socket =\n' \
      >>"$CEPH_CONF.tmp.$$"
    mv -f "$CEPH_CONF.tmp.$$" "$CEPH_CONF"
  fi
}

# ceph_bootstrap: a fresh cluster in $LAB_CEPH (the caller has cleared leftovers).
ceph_bootstrap() {
  local fsid osd_uuid osd_key id
  mkdir -p "$LAB_CEPH"/{mon/ceph-a,mgr/ceph-x,run,log}
  chmod 700 "$LAB_CEPH"
  fsid=$(uuidgen)
  ceph_conf_write "$fsid"
  ceph-authtool --create-keyring "$LAB_CEPH/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$LAB_CEPH/ceph.client.admin.keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
  ceph-authtool "$LAB_CEPH/mon.keyring" --import-keyring "$LAB_CEPH/ceph.client.admin.keyring" >/dev/null
  monmaptool --create --addv a "[v2:$LAB_MON_IP:3300,v1:$LAB_MON_IP:6789]" --fsid "$fsid" "$LAB_CEPH/monmap" >/dev/null
  ceph-mon -c "$CEPH_CONF" --mkfs -i a --monmap "$LAB_CEPH/monmap" --keyring "$LAB_CEPH/mon.keyring"
  detached ceph-mon -c "$CEPH_CONF" -i a
  waitfor 60 ceph -s --connect-timeout 5 || die "ceph-mon did not answer; see $LAB_CEPH/log/ceph-mon.a.log"
  log "ceph-mon up (fsid $fsid)"

  ceph auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' \
    -o "$LAB_CEPH/mgr/ceph-x/keyring" >/dev/null
  detached ceph-mgr -c "$CEPH_CONF" -i x
  osd_uuid=$(uuidgen); osd_key=$(ceph-authtool --gen-print-key)
  # the OSD key goes through stdin, never argv
  id=$(printf '{"cephx_secret": "%s"}' "$osd_key" | ceph osd new "$osd_uuid" -i -)
  [ "$id" = 0 ] || die "expected osd.0, got osd.$id"
  mkdir -p "$LAB_CEPH/osd/ceph-0"
  ceph-authtool --create-keyring "$LAB_CEPH/osd/ceph-0/keyring" --name osd.0 --add-key "$osd_key" >/dev/null
  # bluestore mkfs + start in the background (--mkfs prints alarming but normal '_read_bdev_label failed'
  # lines: they go to a log) while pools and users, which need only the mon, are created
  ( ceph-osd -c "$CEPH_CONF" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>"$LAB_CEPH/log/osd-mkfs.stderr" >/dev/null \
      && detached ceph-osd -c "$CEPH_CONF" -i 0 2>>"$LAB_CEPH/log/osd-start.stderr" ) &
  local osd_job=$! p
  # 'volumes' (Cinder's) is created here too, so that a fresh lab waits for its placement groups once
  for p in vms images volumes; do ceph osd pool create "$p" 8 8 >/dev/null 2>&1; done
  # Nova's cephx user: the library never needs client.admin
  ceph auth get-or-create client.nova mon 'profile rbd' osd 'profile rbd pool=vms, profile rbd pool=images' \
    mgr 'profile rbd pool=vms, profile rbd pool=images' -o "$LAB_CEPH/ceph.client.nova.keyring" >/dev/null
  ceph auth get-key client.nova >"$LAB_CEPH/client.nova.key"
  chmod 600 "$LAB_CEPH"/*.keyring "$LAB_CEPH/client.nova.key"
  uuidgen >"$LAB_CEPH/secret-uuid"
  wait "$osd_job" || die "ceph-osd mkfs/start failed; see $LAB_CEPH/log/osd-mkfs.stderr"
  waitfor 60 sh -c "timeout 15 ceph osd stat | grep -q '1 up'" || die "osd.0 not up; see $LAB_CEPH/log/ceph-osd.0.log"
  log "ceph-mgr + ceph-osd.0 up (bluestore on a 4 GiB sparse file), pools vms + images + volumes, client.nova"

  # wait for these only: a bare 'wait' would also wait for the lab's RabbitMQ and the demo's build, started in
  # the background
  local inits=() j
  for p in vms images volumes; do rbd pool init "$p" & inits+=($!); done
  for j in "${inits[@]}"; do wait "$j" || die "rbd pool init failed"; done
  waitfor 90 ceph_pgs_active || die "placement groups did not become active: $(ceph pg stat)"
  log "pools initialised, placement groups active"
}

# Cinder's user, with the caps Ceph's OpenStack guide gives it: its volumes, Nova's vms (for clones of them) and
# Glance's images read-only. The key is only ever written to files (0600), never printed or put on argv.
LAB_CINDER_CAPS=(mon 'profile rbd'
  osd 'profile rbd pool=volumes, profile rbd pool=vms, profile rbd-read-only pool=images'
  mgr 'profile rbd pool=volumes, profile rbd pool=vms')

# ceph_volumes_ensure: pool 'volumes', client.cinder with its keyring + bare key beside client.nova's, and the
# uuid of its libvirt secret. Idempotent and called on every 'up', fresh or reused: a lab that predates Cinder
# volumes gets them without being rebuilt (ceph_healthy deliberately does not require them, or such a lab
# would be torn down).
ceph_volumes_ensure() {
  local keyring=$LAB_CEPH/ceph.client.cinder.keyring key=$LAB_CEPH/client.cinder.key
  if ! timeout 15 ceph osd pool ls 2>/dev/null | grep -qx volumes; then
    timeout 30 ceph osd pool create volumes 8 8 >/dev/null 2>&1 || die "cannot create pool volumes"
    timeout 60 rbd pool init volumes || die "rbd pool init volumes failed"
    waitfor 90 ceph_pgs_active || die "placement groups of pool volumes did not become active: $(ceph pg stat)"
    log "pool volumes created"
  fi
  if timeout 15 ceph auth get client.cinder >/dev/null 2>&1; then
    # caps set again every time: an older lab's client.cinder gets the current ones
    timeout 15 ceph auth caps client.cinder "${LAB_CINDER_CAPS[@]}" >/dev/null 2>&1 \
      || die "cannot set the caps of client.cinder"
  else
    timeout 15 ceph auth get-or-create client.cinder "${LAB_CINDER_CAPS[@]}" >/dev/null \
      || die "cannot create client.cinder"
    log "client.cinder created"
  fi
  # written 0600 from the start (umask) and renamed into place: no reader sees a half file or a wider mode
  ( umask 077
    timeout 15 ceph auth get client.cinder -o "$keyring.tmp.$$" >/dev/null 2>&1 && mv -f "$keyring.tmp.$$" "$keyring"
    timeout 15 ceph auth get-key client.cinder >"$key.tmp.$$" && mv -f "$key.tmp.$$" "$key"
  ) || { rm -f "$keyring.tmp.$$" "$key.tmp.$$"; die "cannot write client.cinder's keyring files"; }
  # its own libvirt secret, distinct from client.nova's (a volume's connection names it by this uuid)
  [ -s "$LAB_CEPH/cinder-secret-uuid" ] || uuidgen >"$LAB_CEPH/cinder-secret-uuid"
}

ceph_pgs_active() {
  local s
  s=$(timeout 15 ceph pg stat 2>/dev/null) || return 1
  echo "$s" | grep -q 'active+clean' && ! echo "$s" | grep -qE 'peering|unknown|creating|activating'
}

# base image: a boot sector that prints '.' to COM1 on every timer tick (~18/s), in 'images' with a
# protected snapshot 'snap' (a cloneable Glance-on-RBD location) and as a local raw file.
base_image_build() {
  local raw=$LAB_STATE/images/base.raw id
  mkdir -p "$LAB_STATE/images"
  if [ ! -s "$raw" ]; then
    truncate -s 64M "$raw.tmp"
    # mov dx,0x3f8; sti; hlt; mov al,'.'; out dx,al; jmp hlt   + boot signature 55 AA
    printf '\xBA\xF8\x03\xFB\xF4\xB0\x2E\xEE\xEB\xFA' | dd of="$raw.tmp" conv=notrunc status=none
    printf '\x55\xAA' | dd of="$raw.tmp" bs=1 seek=510 conv=notrunc status=none
    mv "$raw.tmp" "$raw"
  fi
  id=$(uuidgen)
  rbd import --no-progress --image-format 2 "$raw" "images/$id"
  rbd snap create --no-progress "images/$id@snap"
  rbd snap protect "images/$id@snap"
  echo "$id" >"$LAB_CEPH/base-image-id"
  log "base image images/$id@snap (protected) + $raw"
}

# ---------------------------------------------------------------- OSD restart (./lab osd-restart)
# ceph_osd_ids: the ids of the lab's OSDs, from their data dirs
ceph_osd_ids() {
  local d
  for d in "$LAB_CEPH"/osd/ceph-*; do [ -d "$d" ] && echo "${d##*/ceph-}"; done
}

# ceph_osds_up N: the osdmap counts N OSDs up
ceph_osds_up() { timeout 15 ceph osd stat 2>/dev/null | grep -q " $1 up"; }

# ceph_pgs_serving: every placement group active+clean, none stale, down or peering (a restarted OSD's PGs read
# 'stale+active+clean' until the mon notices it went away)
ceph_pgs_serving() {
  local s
  s=$(timeout 15 ceph pg stat 2>/dev/null) || return 1
  ceph_pgs_active && ! echo "$s" | grep -qE 'stale|down|inactive|incomplete|recovering|backfill'
}

# ceph_serves_io: the OSDs answer reads in the pools the lab's guests use (the base image's header, vms' directory)
ceph_serves_io() {
  timeout 15 rbd info "images/$(cat "$LAB_CEPH/base-image-id")@snap" >/dev/null 2>&1 \
    && timeout 15 rbd ls vms >/dev/null 2>&1
}

# ceph_osd_restart: restarts every OSD of the lab as an operator does ('systemctl restart ceph-osd@N': SIGTERM,
# wait for the exit, start it again with the same configuration), then waits until the cluster serves I/O
# again. Running clients (the guests' librbd) keep their sessions and resend what the restart held up.
ceph_osd_restart() {
  local ids id pidf pid n t0
  ids=$(ceph_osd_ids)
  [ -n "$ids" ] || die "no OSD data dir in $LAB_CEPH/osd; run ./lab up"
  n=$(echo "$ids" | wc -l)
  t0=$(date +%s%N)
  for id in $ids; do
    pidf=$LAB_CEPH/run/ceph-osd.$id.pid
    if pid_alive "$pidf" "$CEPH_CONF"; then
      pid=$(tr -dc 0-9 <"$pidf")
      kill -TERM "$pid"
      if ! waitfor 60 test ! -d "/proc/$pid"; then
        warn "osd.$id ($pid) did not stop within 60 s of SIGTERM; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        waitfor 10 test ! -d "/proc/$pid" || die "osd.$id ($pid) does not end"
      fi
      log "osd.$id ($pid) stopped"
    else
      log "osd.$id was not running"
    fi
    rm -f "$pidf"
    # stdout to /dev/null: a caller reading our output must not wait for the daemon; errors go to a log
    detached ceph-osd -c "$CEPH_CONF" -i "$id" >/dev/null 2>>"$LAB_CEPH/log/osd-start.stderr" \
      || die "ceph-osd -i $id did not start: $(tail -3 "$LAB_CEPH/log/osd-start.stderr" | tr '\n' ' ')"
  done
  # a stopping OSD marks itself down; an 'up' read before the mon saw that would be the old map
  waitfor 10 sh -c "! timeout 15 ceph osd stat 2>/dev/null | grep -q ' $n up'" 2>/dev/null || true
  waitfor 120 ceph_osds_up "$n" || die "the OSDs are not up again after the restart: $(timeout 15 ceph osd stat); see $LAB_CEPH/log/ceph-osd.*.log"
  waitfor 120 ceph_pgs_serving || die "placement groups not active again after the OSD restart: $(timeout 15 ceph pg stat)"
  waitfor 60 ceph_serves_io || die "the OSDs do not serve reads after the restart"
  log "osd $(echo "$ids" | paste -sd, -) restarted; the cluster serves I/O again after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
