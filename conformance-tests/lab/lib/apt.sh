# apt_install PKG...: installs Debian packages non-interactively, without recommends. When the install fails
# (a fresh machine's apt lists may be empty or stale) it refreshes the lists once and tries again.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$@" </dev/null >/dev/null 2>&1 && return 0
  apt-get update -q </dev/null >/dev/null &&
    apt-get install -y -q --no-install-recommends "$@" </dev/null >/dev/null
}
