# preflight.sh - what the lab needs from the machine, checked before any step changes it, so that a machine
# that cannot run the lab gets one clear sentence instead of a failure deep inside a step.
# shellcheck shell=bash

LAB_MIN_FREE_MB=${LAB_MIN_FREE_MB:-6144}   # the OSD's 4 GiB sparse file fills as images are written, + logs
LAB_MIN_FREE_M2_MB=${LAB_MIN_FREE_M2_MB:-1024}

# free_mb DIR: free megabytes on the filesystem of DIR (or of its nearest existing parent).
free_mb() {
  local d=$1
  while [ ! -e "$d" ]; do d=$(dirname "$d"); done
  df -Pm "$d" | awk 'NR == 2 {print $4}'
}

lab_preflight() {
  local problems=() f probe
  [ "$(id -u)" = 0 ] || problems+=("not root: the lab needs root (network namespaces, a bridge, bind mounts, apt-get)")
  for f in ip flock nsenter unshare mountpoint dpkg-query apt-get df; do
    command -v "$f" >/dev/null 2>&1 || problems+=("command '$f' is missing (packages iproute2, util-linux, dpkg, apt, coreutils)")
  done
  if [ ${#problems[@]} = 0 ]; then
    unshare --net true 2>/dev/null || problems+=("cannot create network namespaces (unshare --net failed): the lab's hosts live in their own")
    unshare --mount true 2>/dev/null || problems+=("cannot create mount namespaces (unshare --mount failed): the lab's hosts bind-mount their own libvirt dirs")
    probe=nlp$$   # interface names have at most 15 characters
    if ip link add "$probe" type bridge 2>/dev/null; then ip link del "$probe"; else
      problems+=("cannot create a bridge (ip link add type bridge failed): the lab's hosts share one")
    fi
    if ip link add "${probe}a" type veth peer name "${probe}b" 2>/dev/null; then ip link del "${probe}a"; else
      problems+=("cannot create veth pairs (ip link add type veth failed): each host joins the bridge through one")
    fi
  fi
  # QEMU's tap interfaces need the tun device; a container may lack the node but allow creating it
  [ -c /dev/net/tun ] || { mkdir -p /dev/net && mknod -m 600 /dev/net/tun c 10 200; } 2>/dev/null \
    || problems+=("/dev/net/tun is missing and cannot be created: QEMU's tap interfaces need it")
  f=$(free_mb "$LAB_STATE")
  [ "${f:-0}" -ge "$LAB_MIN_FREE_MB" ] || problems+=("only ${f:-0} MiB free for $LAB_STATE; the lab needs $LAB_MIN_FREE_MB MiB (Ceph's OSD file, images, logs)")
  f=$(free_mb "${HOME:-/root}/.m2")
  [ "${f:-0}" -ge "$LAB_MIN_FREE_M2_MB" ] || problems+=("only ${f:-0} MiB free for ~/.m2; Maven's dependencies need $LAB_MIN_FREE_M2_MB MiB")
  if [ ${#problems[@]} -gt 0 ]; then
    printf '[lab] ERROR: this machine cannot run the lab:\n' >&2
    printf '  - %s\n' "${problems[@]}" >&2
    LAB_ERR_RC=; exit 1
  fi
  [ -w /dev/kvm ] || log "no usable /dev/kvm: guests run under TCG"
}
