#!/usr/bin/env bash
# busy-guest: a Linux guest that dirties memory and/or writes its disk (build | kernel | xml | start | hb | log | destroy)
#
#   ./lab busy-guest build                 build (once, cached) kernel + initramfs; prints BUSY_KERNEL=, BUSY_INITRD=
#   ./lab busy-guest kernel                only fetch and unpack the kernel (cached; needs no compiler): what can
#                                          start before './lab up' has installed the kit's packages
#   ./lab busy-guest xml NAME [KNOB=V...]  print the domain XML
#   ./lab busy-guest start HOST NAME [KNOB=V...]   define + start it on host-HOST (a, b, ...)
#   ./lab busy-guest hb HOST NAME          the last heartbeat line on host-HOST's serial log
#   ./lab busy-guest log HOST NAME         the whole serial log on host-HOST
#   ./lab busy-guest destroy NAME          destroy + undefine NAME on every lab host, remove its serial logs
#
# Knobs (guest kernel command line, see conformance-tests/lab/guest/busyguest.c):
#   dirty_mb=N (0 = idle)  dirty_rate_mbps=R (0 = as fast as it can)  hb_ms=M (1000)
#   io=1 io_ms=M (1000) io_dev=/dev/vda    write+read back a counter on the disk, "io=<n> OK|ERR" lines
#   marker=TOKEN marker_mb=N (16)           N MiB of guest memory hold TOKEN (8-64 letters, digits, '-'), repeated
# Domain knobs (not passed to the guest):
#   mem_mb=N (512)   disk=POOL/IMAGE   an RBD disk as vda, with the lab's cephx user, secret and monitors
#
# The kernel is Debian's linux-image-*-cloud-amd64, downloaded and unpacked (never installed); the initramfs is
# busybox-static + the static busyguest program + the virtio-blk modules. Both are cached in
# $LAB_STATE/guest (kept by './lab down'), where every lab host sees them. The kernel's .deb is kept in apt's own
# cache of downloaded packages (/var/cache/apt/archives, emptied by 'apt-get clean'), so that a lab state wiped
# ('./lab fresh-check') unpacks it again without downloading it again. The guest runs under TCG
# (<domain type='qemu'>, no <cpu>): this machine's nested /dev/kvm cannot boot a Linux kernel.
set -euo pipefail
LAB_STATE=${LAB_STATE:-/var/lib/nova-libvirt-lab}
LAB_ENV_FILE=$LAB_STATE/lab.env
GUEST_DIR=$LAB_STATE/guest
SRC=$(cd "$(dirname "$0")/../guest" && pwd)
SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
. "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"

die() { printf '[busy-guest] ERROR: %s\n' "$*" >&2; exit 1; }
log() { printf '[busy-guest] %s\n' "$*" >&2; }
env_get() { [ -f "$LAB_ENV_FILE" ] || die "lab is not up (no $LAB_ENV_FILE): run ./lab up"; sed -n "s/^$1=//p" "$LAB_ENV_FILE" | tail -1; }
host_uri() { local H; H=$(echo "$1" | tr a-z A-Z); local u; u=$(env_get "HOST_${H}_URI"); [ -n "$u" ] || die "no host-$1 in lab.env"; echo "$u"; }
host_state() { local H; H=$(echo "$1" | tr a-z A-Z); env_get "HOST_${H}_STATE"; }
check_name() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$ ]] || die "bad domain name '$1'"; }

# lock_kit: one build at a time (several sessions, or the demo's early kernel fetch and its build, may overlap)
lock_kit() {
  mkdir -p "$GUEST_DIR"
  exec 8>"$GUEST_DIR/.build.lock"
  flock 8
}

# kit_tmp: a scratch dir in $GUEST_DIR, removed when the script ends
kit_tmp() {
  BUILD_TMP=$(mktemp -d "$GUEST_DIR/.build.XXXXXX")
  trap 'rm -rf "$BUILD_TMP"' EXIT
}

# kernel TMP: the kernel and its virtio modules in $GUEST_DIR unless they are there (the lock held)
kernel() {
  local tmp=$1 pkg deb archives=/var/cache/apt/archives
  if [ -s "$GUEST_DIR/vmlinuz" ] && [ -d "$GUEST_DIR/modules" ]; then return; fi
  pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -1)
  if [ -z "$pkg" ]; then apt-get update -q </dev/null >/dev/null
    pkg=$(apt-cache depends linux-image-cloud-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -1); fi
  [ -n "$pkg" ] || die "cannot resolve linux-image-cloud-amd64"
  deb=$(ls -t "$archives/${pkg}"_*.deb 2>/dev/null | head -1 || true)
  if [ -n "$deb" ] && dpkg-deb --info "$deb" >/dev/null 2>&1; then
    log "unpacking $pkg from apt's cache (never installed)"
  else
    log "downloading $pkg (unpacked only, never installed)"
    (cd "$tmp" && apt-get download -q "$pkg" </dev/null >/dev/null 2>&1) || die "apt-get download $pkg failed"
    deb=$(ls "$tmp/${pkg}"_*.deb)
    # kept where apt keeps what it downloads (best effort: a read-only cache only costs the next download)
    if [ -d "$archives" ] && cp "$deb" "$archives/.$(basename "$deb").part" 2>/dev/null; then
      mv -f "$archives/.$(basename "$deb").part" "$archives/$(basename "$deb")"
    fi
  fi
  # only the kernel and the six modules: the rest of the package's tree is never read
  mkdir -p "$tmp/kpkg"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp/kpkg" --wildcards './boot/vmlinuz-*' '*/virtio*.ko' \
    || die "unpacking $deb failed"
  local kv; kv=$(ls "$tmp/kpkg/lib/modules")
  rm -rf "$GUEST_DIR/modules.new"; mkdir -p "$GUEST_DIR/modules.new"
  for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk; do
    find "$tmp/kpkg/lib/modules/$kv" -name "$m.ko" -exec cp {} "$GUEST_DIR/modules.new/" \;
    [ -s "$GUEST_DIR/modules.new/$m.ko" ] || die "$m.ko not in $deb"
  done
  echo "$kv" >"$GUEST_DIR/modules.new/KERNEL_VERSION"
  cp "$tmp/kpkg/boot/vmlinuz-$kv" "$GUEST_DIR/vmlinuz.new"
  rm -rf "$GUEST_DIR/modules"; mv "$GUEST_DIR/modules.new" "$GUEST_DIR/modules"
  mv -f "$GUEST_DIR/vmlinuz.new" "$GUEST_DIR/vmlinuz"
}

build() {
  lock_kit
  local key
  key=$(cat "$SRC/busyguest.c" "$SRC/init" "$SELF" | sha256sum | cut -c1-16)
  if [ -s "$GUEST_DIR/vmlinuz" ] && [ -s "$GUEST_DIR/initrd.gz" ] && [ "$(cat "$GUEST_DIR/initrd.key" 2>/dev/null)" = "$key" ]; then
    emit_paths; return
  fi
  local need=()
  command -v gcc >/dev/null || need+=(gcc libc6-dev)
  [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx insmod || need+=(busybox-static)
  command -v cpio >/dev/null || need+=(cpio)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    apt_install "${need[@]}" || die "apt-get install ${need[*]} failed"
  fi
  if ldd /bin/busybox >/dev/null 2>&1; then die "/bin/busybox is not static (install busybox-static)"; fi

  kit_tmp
  local tmp=$BUILD_TMP
  kernel "$tmp"
  log "building the initramfs"
  local r=$tmp/root
  mkdir -p "$r"/{bin,sbin,proc,sys,dev,tmp,lib/modules}
  gcc -static -O2 -Wall -pthread -o "$r/busyguest" "$SRC/busyguest.c"
  cp /bin/busybox "$r/bin/busybox"
  for a in $("$r/bin/busybox" --list); do [ -e "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"; done
  mknod -m 600 "$r/dev/console" c 5 1; mknod -m 666 "$r/dev/null" c 1 3
  install -m 755 "$SRC/init" "$r/init"
  cp "$GUEST_DIR"/modules/*.ko "$r/lib/modules/"
  (cd "$r" && find . | cpio -o -H newc --quiet | gzip -9) >"$GUEST_DIR/initrd.gz.new"
  mv -f "$GUEST_DIR/initrd.gz.new" "$GUEST_DIR/initrd.gz"
  echo "$key" >"$GUEST_DIR/initrd.key"
  log "built $(du -h "$GUEST_DIR/initrd.gz" | cut -f1) initramfs, kernel $(cat "$GUEST_DIR/modules/KERNEL_VERSION")"
  emit_paths
}

emit_paths() {
  echo "BUSY_KERNEL=$GUEST_DIR/vmlinuz"
  echo "BUSY_INITRD=$GUEST_DIR/initrd.gz"
  echo "BUSY_KERNEL_VERSION=$(cat "$GUEST_DIR/modules/KERNEL_VERSION")"
}

xml() {
  local name=$1; shift; check_name "$name"
  local mem=512 disk="" cmd="console=ttyS0 loglevel=4 panic=-1"
  for kv in "$@"; do
    case "$kv" in
      mem_mb=*) mem=${kv#*=}; [[ "$mem" =~ ^[0-9]+$ ]] || die "bad $kv" ;;
      disk=*) disk=${kv#*=}; [[ "$disk" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "bad $kv (POOL/IMAGE)" ;;
      dirty_mb=*|dirty_rate_mbps=*|hb_ms=*|io=*|io_ms=*|marker_mb=*) [[ "${kv#*=}" =~ ^[0-9]+$ ]] || die "bad $kv"; cmd="$cmd $kv" ;;
      marker=*) [[ "${kv#*=}" =~ ^[A-Za-z0-9-]{8,64}$ ]] || die "bad $kv (8-64 letters, digits, '-')"; cmd="$cmd $kv" ;;
      io_dev=*) [[ "${kv#*=}" =~ ^/dev/[a-z0-9]+$ ]] || die "bad $kv"; cmd="$cmd $kv" ;;
      *) die "unknown knob '$kv'" ;;
    esac
  done
  [ -s "$GUEST_DIR/vmlinuz" ] && [ -s "$GUEST_DIR/initrd.gz" ] || die "not built: run ./lab busy-guest build"
  local uuid; uuid=$(cat /proc/sys/kernel/random/uuid)
  cat <<XML
<domain type='qemu'>
  <name>$name</name>
  <uuid>$uuid</uuid>
  <memory unit='MiB'>$mem</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$GUEST_DIR/vmlinuz</kernel>
    <initrd>$GUEST_DIR/initrd.gz</initrd>
    <cmdline>$cmd</cmdline>
  </os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
XML
  if [ -n "$disk" ]; then
    local user secret mons hosts=""
    user=$(env_get CEPH_USER); secret=$(env_get RBD_SECRET_UUID); mons=$(env_get CEPH_MON_HOSTS)
    for m in ${mons//,/ }; do hosts="$hosts<host name='${m%:*}' port='$( [[ "$m" == *:* ]] && echo "${m##*:}" || echo 6789)'/>"; done
    cat <<XML
    <disk type='network' device='disk'>
      <driver name='qemu' type='raw' cache='none'/>
      <auth username='$user'><secret type='ceph' uuid='$secret'/></auth>
      <source protocol='rbd' name='$disk'>$hosts</source>
      <target dev='vda' bus='virtio'/>
    </disk>
XML
  fi
  cat <<XML
    <serial type='file'><source path='/var/log/libvirt/qemu/$name-serial.log' append='on'/><target port='0'/></serial>
    <console type='file'><source path='/var/log/libvirt/qemu/$name-serial.log' append='on'/><target type='serial' port='0'/></console>
    <memballoon model='none'/>
  </devices>
</domain>
XML
}

serial_log() { echo "$(host_state "$1")/log/qemu/$2-serial.log"; }

case "${1:-}" in
  build) build ;;
  kernel) lock_kit; kit_tmp; kernel "$BUILD_TMP"; log "kernel $(cat "$GUEST_DIR/modules/KERNEL_VERSION")" ;;
  xml) [ $# -ge 2 ] || die "usage: busy-guest xml NAME [KNOB=V...]"; shift; xml "$@" ;;
  start)
    [ $# -ge 3 ] || die "usage: busy-guest start HOST NAME [KNOB=V...]"
    h=$2; name=$3; shift 3; check_name "$name"
    build >/dev/null
    uri=$(host_uri "$h"); f=$(mktemp); xml "$name" "$@" >"$f"
    virsh -q -c "$uri" define "$f" >/dev/null && virsh -q -c "$uri" start "$name" >/dev/null; rc=$?; rm -f "$f"
    [ $rc = 0 ] || die "start failed"
    echo "started $name on host-$h; serial log $(serial_log "$h" "$name")" ;;
  hb) [ $# = 3 ] || die "usage: busy-guest hb HOST NAME"; check_name "$3"; grep '^hb=' "$(serial_log "$2" "$3")" 2>/dev/null | tail -1 ;;
  log) [ $# = 3 ] || die "usage: busy-guest log HOST NAME"; check_name "$3"; cat "$(serial_log "$2" "$3")" ;;
  destroy)
    [ $# = 2 ] || die "usage: busy-guest destroy NAME"; name=$2; check_name "$name"
    for H in $(sed -n 's/^HOST_\([A-Z]\)_URI=.*/\1/p' "$LAB_ENV_FILE"); do
      h=$(echo "$H" | tr A-Z a-z); uri=$(host_uri "$h")
      virsh -q -c "$uri" destroy "$name" >/dev/null 2>&1 || true
      virsh -q -c "$uri" undefine "$name" >/dev/null 2>&1 || true
      rm -f "$(serial_log "$h" "$name")" "$(host_state "$h")/log/qemu/$name.log"   # + libvirt's own domain log
    done ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
