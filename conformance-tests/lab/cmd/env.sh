#!/usr/bin/env bash
# env: print the lab's environment (lab.env: URIs, ceph.conf, keyring paths, fsid, pools, hosts)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
[ -f "$LAB_ENV_FILE" ] || die "lab is not up: run ./lab up"
# lab.env holds paths to key files, never key material; the filter is a second line of defence
grep -v -iE '^[A-Z_]*(KEY|SECRET_VALUE)=' "$LAB_ENV_FILE"
