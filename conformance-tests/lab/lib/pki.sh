# pki.sh - the lab's certificates (issue 15), made with openssl: one lab CA, per host a server and a client
# certificate for libvirtd and QEMU, a client certificate for the controller (the tests), one for RabbitMQ's amqps
# listener, and two that must be refused: an "outsider" (signed by the lab CA, DN not in libvirtd's allowed list)
# and a "foreign" client (signed by a CA of its own). Keys are ECDSA P-256 (GnuTLS, QEMU, Erlang and
# Java take them; an RSA 2048 key costs about 100 ms of CPU to make, and a fresh lab makes one per certificate before
# Ceph starts), 0600, written under umask 077 and never printed. Everything lives in $LAB_PKI, which './lab down' keeps (like the base
# image): certificates are made once and reissued only when missing, expiring within a day, or signed by another
# CA than the current one (rotation: remove $LAB_PKI/ca and run ./lab up). Sourced after common.sh.
# shellcheck shell=bash

LAB_TLS=${LAB_TLS:-1}                     # 0: no TLS listeners at all (libvirtd tcp only, RabbitMQ 5672 only)
LAB_PKI=${LAB_PKI:-$LAB_STATE/pki}
LAB_PKI_ORG=nova-libvirt-lab
LAB_PKI_DAYS=825
# libvirtd's tls_allowed_dn_list: the hosts (peer-to-peer migration) and the controller. fnmatch patterns
# with '*' on both sides, so that they match whichever RDN order GnuTLS prints the DN in.
LAB_PKI_ALLOWED_DN='"*OU=lab-peers*", "*OU=lab-controller*"'

pki_tls_on() { [ "$LAB_TLS" = 1 ]; }
pki_ca_cert() { echo "$LAB_PKI/ca/cacert.pem"; }

# pki_sum FILE: its sha256 (coreutils: milliseconds, where every openssl run costs tens of them on a busy machine).
pki_sum() { sha256sum "$1" 2>/dev/null | cut -c1-64; }

# pki_stamp CERT CAFILE: records, beside CERT, its checksum, its CA's and its expiry, so that './lab up' checks a
# current lab without running openssl at all.
pki_stamp() {
  local end
  end=$(date -d "$(openssl x509 -in "$1" -noout -enddate | sed 's/^notAfter=//')" +%s) \
    || die "pki: cannot read the expiry of $1"
  echo "$(pki_sum "$1") $(pki_sum "$2") $end" >"$1.stamp"
}

# pki_valid CERT [CAFILE]: CERT is the one stamped, valid for another day and (given CAFILE) issued by that CA.
pki_valid() {
  local sum ca end
  [ -s "$1" ] && [ -s "$1.stamp" ] || return 1
  read -r sum ca end <"$1.stamp" || return 1
  [ "$sum" = "$(pki_sum "$1")" ] && [ "${end:-0}" -gt $(( $(date +%s) + 86400 )) ] || return 1
  [ -z "${2:-}" ] || [ "$ca" = "$(pki_sum "$2")" ]
}

# pki_new_ca DIR CN: a self-signed CA (cacert.pem, private key cakey.pem) in DIR unless a valid one is there.
pki_new_ca() {
  local dir=$1 cn=$2
  pki_valid "$dir/cacert.pem" && [ -s "$dir/cakey.pem" ] && return 0
  rm -rf "$dir"; mkdir -p "$dir"; chmod 0700 "$dir"
  ( umask 077
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 -keyout "$dir/cakey.pem" \
      -out "$dir/cacert.pem" -subj "/O=$LAB_PKI_ORG/CN=$cn" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      >/dev/null 2>&1 ) || die "openssl could not make the CA $cn in $dir"
  chmod 0644 "$dir/cacert.pem"
  pki_stamp "$dir/cacert.pem" "$dir/cacert.pem"
  log "pki: new CA '$cn' ($dir)"
}

# pki_issue CADIR KIND SUBJECT SAN CERT KEY: a server or client (KIND) certificate for SUBJECT signed by the CA in
# CADIR, unless CERT is valid and signed by that CA. SAN may be empty (client certificates).
pki_issue() {
  local cadir=$1 kind=$2 subject=$3 san=$4 cert=$5 key=$6 ext usage
  pki_valid "$cert" "$cadir/cacert.pem" && [ -s "$key" ] && return 0
  case "$kind" in server) usage=serverAuth ;; client) usage=clientAuth ;; *) die "pki_issue: kind $kind" ;; esac
  mkdir -p "$(dirname "$cert")" "$(dirname "$key")"
  ext=$(mktemp "$LAB_TMP/pki-ext.XXXXXX")
  # digitalSignature + keyEncipherment: libvirt's and QEMU's certificate sanity checks want both on a leaf
  { echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } >"$ext"
  ( umask 077
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$key.tmp" -subj "$subject" -out "$key.csr" >/dev/null 2>&1 &&
    openssl x509 -req -sha256 -days "$LAB_PKI_DAYS" -in "$key.csr" -CA "$cadir/cacert.pem" -CAkey "$cadir/cakey.pem" \
      -set_serial "0x$(openssl rand -hex 12)" -extfile "$ext" -out "$cert.tmp" >/dev/null 2>&1 ) \
    || { rm -f "$ext" "$key.tmp" "$key.csr" "$cert.tmp"; die "openssl could not issue the $kind certificate $subject"; }
  rm -f "$ext" "$key.csr"
  chmod 0600 "$key.tmp"; chmod 0644 "$cert.tmp"
  mv -f "$key.tmp" "$key"; mv -f "$cert.tmp" "$cert"
  pki_stamp "$cert" "$cadir/cacert.pem"
}

# pki_client_dir DIR CADIR OU CN: a libvirt client pkipath dir (cacert.pem = the lab CA, clientcert.pem,
# clientkey.pem), as a URI's ?pkipath=DIR wants it.
pki_client_dir() {
  local dir=$1 cadir=$2 ou=$3 cn=$4
  mkdir -p "$dir"; chmod 0700 "$dir"
  pki_issue "$cadir" client "/O=$LAB_PKI_ORG/OU=$ou/CN=$cn" "" "$dir/clientcert.pem" "$dir/clientkey.pem"
  cmp -s "$(pki_ca_cert)" "$dir/cacert.pem" || install -m 0644 "$(pki_ca_cert)" "$dir/cacert.pem"
}

# pki_ensure: the CA and everything not tied to one host (controller, refused clients, RabbitMQ's server cert).
pki_ensure() {
  pki_tls_on || return 0
  command -v openssl >/dev/null || die "openssl is missing (package openssl)"
  mkdir -p "$LAB_PKI"; chmod 0711 "$LAB_PKI"
  pki_new_ca "$LAB_PKI/ca" "nova-libvirt-lab CA"
  pki_client_dir "$LAB_PKI/controller" "$LAB_PKI/ca" lab-controller controller
  pki_client_dir "$LAB_PKI/outsider" "$LAB_PKI/ca" outsider outsider
  pki_new_ca "$LAB_PKI/foreign-ca" "foreign CA"
  pki_client_dir "$LAB_PKI/foreign" "$LAB_PKI/foreign-ca" lab-controller controller
  pki_issue "$LAB_PKI/ca" server "/O=$LAB_PKI_ORG/OU=lab-broker/CN=rabbitmq" "IP:$LAB_MON_IP,DNS:localhost" \
    "$LAB_PKI/rabbitmq/server-cert.pem" "$LAB_PKI/rabbitmq/server-key.pem"
}

# pki_host H: host H's /etc/pki as its libvirtd and QEMU expect it ($(host_dir H)/pki, bind-mounted there):
#   CA/cacert.pem, libvirt/{servercert,clientcert}.pem, libvirt/private/{serverkey,clientkey}.pem (libvirtd, and
#   its client side in peer-to-peer migration); qemu/{ca-cert,server-cert,server-key,client-cert,client-key}.pem
#   (QEMU's native TLS for the migration stream, migrate_tls_x509_cert_dir).
pki_host() {
  local h=$1 p ip
  pki_tls_on || return 0
  p="$(host_dir "$h")/pki"; ip=$(host_ip "$h")
  mkdir -p "$p"/{CA,libvirt/private,qemu}
  chmod 0755 "$p" "$p/CA" "$p/libvirt"; chmod 0700 "$p/libvirt/private" "$p/qemu"
  pki_issue "$LAB_PKI/ca" server "/O=$LAB_PKI_ORG/OU=lab-peers/CN=host-$h" "IP:$ip,DNS:host-$h" \
    "$p/libvirt/servercert.pem" "$p/libvirt/private/serverkey.pem"
  pki_issue "$LAB_PKI/ca" client "/O=$LAB_PKI_ORG/OU=lab-peers/CN=host-$h" "" \
    "$p/libvirt/clientcert.pem" "$p/libvirt/private/clientkey.pem"
  pki_sync "$(pki_ca_cert)" "$p/CA/cacert.pem" 0644
  pki_sync "$(pki_ca_cert)" "$p/qemu/ca-cert.pem" 0644
  pki_sync "$p/libvirt/servercert.pem" "$p/qemu/server-cert.pem" 0644
  pki_sync "$p/libvirt/private/serverkey.pem" "$p/qemu/server-key.pem" 0600
  pki_sync "$p/libvirt/clientcert.pem" "$p/qemu/client-cert.pem" 0644
  pki_sync "$p/libvirt/private/clientkey.pem" "$p/qemu/client-key.pem" 0600
}

# pki_sync SRC DST MODE: DST becomes a copy of SRC (only when it differs, so a reused host's files keep their times).
pki_sync() { cmp -s "$1" "$2" || install -m "$3" "$1" "$2"; }

# pki_host_current H: host H's certificates are in place, valid and from the current CA (else ./lab up reissues
# them and restarts its libvirtd, which reads its own certificates only when it starts).
pki_host_current() {
  local p
  p="$(host_dir "$1")/pki"
  cmp -s "$(pki_ca_cert)" "$p/CA/cacert.pem" && cmp -s "$(pki_ca_cert)" "$p/qemu/ca-cert.pem" \
    && pki_valid "$p/libvirt/servercert.pem" && pki_valid "$p/libvirt/clientcert.pem"
}

# pki_env: lab.env lines (paths only, never key material).
pki_env() {
  pki_tls_on || return 0
  echo "LAB_TLS=1"
  echo "PKI_CA_CERT=$(pki_ca_cert)"
  echo "PKI_CLIENT_DIR=$LAB_PKI/controller"
  echo "PKI_OUTSIDER_DIR=$LAB_PKI/outsider"
  echo "PKI_FOREIGN_DIR=$LAB_PKI/foreign"
}
