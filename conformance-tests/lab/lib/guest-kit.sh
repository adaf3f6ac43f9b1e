# guest-kit.sh - the busy guest's kit (cmd/busy-guest.sh: Debian's cloud kernel + an initramfs, cached in
# $LAB_STATE/guest) built in the background while './lab up' runs, as java.sh does the Maven build: the demo's
# guest needs it, and a build from nothing (a kernel download, gcc, gzip -9) would otherwise come after the lab.
# shellcheck shell=bash

# kit_build_start: starts the kit's build in the background and returns at once. When the kit's packages are not
# there yet ('./lab up' installs them, LAB_GUEST_PACKAGES) only the kernel is fetched now, which needs none of
# them (apt-get download takes no dpkg lock); kit_build_finish builds the rest after the lab is up.
kit_build_start() {
  local what=build
  # shellcheck disable=SC2086
  [ -z "$(missing_packages $LAB_GUEST_PACKAGES)" ] || what=kernel
  LAB_KIT_LOG=$(mktemp /tmp/nova-libvirt-kit.XXXXXX)
  LAB_KIT_STEP=$what
  log "busy guest's kit: $what in the background (log $LAB_KIT_LOG)"
  # at the Maven build's lower priority: the lab's start is the longer path
  nice -n 10 bash "$LAB_DIR/cmd/busy-guest.sh" "$what" </dev/null >"$LAB_KIT_LOG" 2>&1 &
  LAB_KIT_PID=$!
}

# kit_build_finish: after './lab up': when only the kernel was being fetched, waits for it and builds the rest
# (the packages are there now) in the background. An early fetch that failed (it ran beside apt's own work) is
# only logged: the build fetches the kernel itself.
kit_build_finish() {
  [ "${LAB_KIT_STEP:-}" = kernel ] || return 0
  if wait "$LAB_KIT_PID"; then
    log "busy guest's kit: kernel done"
  else
    log "busy guest's kit: the early kernel fetch failed ($(tail -1 "$LAB_KIT_LOG")); the build fetches it again"
  fi
  rm -f "$LAB_KIT_LOG"
  LAB_KIT_LOG=$(mktemp /tmp/nova-libvirt-kit.XXXXXX)
  LAB_KIT_STEP=build
  log "busy guest's kit: build in the background (log $LAB_KIT_LOG)"
  nice -n 10 bash "$LAB_DIR/cmd/busy-guest.sh" build </dev/null >"$LAB_KIT_LOG" 2>&1 &
  LAB_KIT_PID=$!
}

# kit_build_wait: waits for the background step (its output is shown only when it failed)
kit_build_wait() {
  local rc=0
  wait "$LAB_KIT_PID" || rc=$?
  [ $rc = 0 ] || { tail -20 "$LAB_KIT_LOG" >&2; die "busy guest's kit: $LAB_KIT_STEP failed (exit $rc); see $LAB_KIT_LOG"; }
  rm -f "$LAB_KIT_LOG"
  log "busy guest's kit: $LAB_KIT_STEP done"
}

# kit_build_stop: stops a background step that is no longer wanted (the lab did not come up)
kit_build_stop() { [ -z "${LAB_KIT_PID:-}" ] || kill "$LAB_KIT_PID" 2>/dev/null || true; }
