#!/usr/bin/env bash
# rabbit-restart [--kill] [--down SECONDS]: restart the lab's RabbitMQ under its clients (--kill: SIGKILL, as a crash; --down: stay stopped first); starts it when it is dead
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
need_root
lab_lock   # not while './lab up' (re)starts the node itself
rabbit_restart "$@"
