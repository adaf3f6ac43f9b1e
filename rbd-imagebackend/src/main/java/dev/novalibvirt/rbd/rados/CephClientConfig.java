package dev.novalibvirt.rbd.rados;

import dev.novalibvirt.core.exception.InvalidInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a librados client: ceph.conf, cephx id, optional keyring file, and the timeouts that turn a
 * dead cluster into an error instead of a hang.
 *
 * @param cephConf       ceph.conf path (read with {@code rados_conf_read_file})
 * @param user           cephx id without {@code client.}
 * @param keyring        keyring file for the id; empty to use ceph.conf's
 * @param connectTimeout {@code client_mount_timeout}: bound of {@code rados_connect}
 * @param opTimeout      {@code rados_mon_op_timeout} and {@code rados_osd_op_timeout}: bound of every op
 */
public record CephClientConfig(Path cephConf, String user, Optional<Path> keyring, Duration connectTimeout,
                               Duration opTimeout) {

    public CephClientConfig {
        Objects.requireNonNull(cephConf, "cephConf");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyring, "keyring");
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || opTimeout == null || opTimeout.isNegative() || opTimeout.isZero()) {
            throw new InvalidInput("ceph connect and op timeouts must be > 0");
        }
    }

    /** The librados options we set on top of ceph.conf (values in whole seconds, at least 1). */
    public Map<String, String> timeoutOptions() {
        String connect = Long.toString(Math.max(1, ceilSeconds(connectTimeout)));
        String op = Long.toString(Math.max(1, ceilSeconds(opTimeout)));
        return Map.of("client_mount_timeout", connect, "rados_mon_op_timeout", op, "rados_osd_op_timeout", op);
    }

    private static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }
}
