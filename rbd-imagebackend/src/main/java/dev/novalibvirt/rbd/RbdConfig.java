package dev.novalibvirt.rbd;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the RBD image backend; the fields mirror Nova's {@code [libvirt]} options.
 *
 * @param cephConf          {@code images_rbd_ceph_conf}: the ceph.conf to read (mon_host, keyring...)
 * @param user              {@code rbd_user}: the cephx id without {@code client.}, e.g. {@code nova}
 * @param keyring           a keyring file for {@code user}; empty to use ceph.conf's {@code keyring}. The key
 *                          itself is never read by this library.
 * @param pool              {@code images_rbd_pool}: the pool of instance disks, e.g. {@code vms}
 * @param imagesPool        the Glance store's pool that {@code direct_snapshot} clones into, e.g. {@code images}
 * @param secretUuid        {@code rbd_secret_uuid}: the libvirt secret holding the user's key, or empty
 * @param connectTimeout    {@code rbd_connect_timeout} (Nova's default 5 s): becomes librados'
 *                          {@code client_mount_timeout}
 * @param opTimeout         {@code rados_mon_op_timeout} and {@code rados_osd_op_timeout}; librados defaults them
 *                          to 0 = wait forever, which would hang a caller against a dead cluster
 * @param destroyRetries    {@code rbd_destroy_volume_retries} (Nova's default 12)
 * @param destroyRetryInterval {@code rbd_destroy_volume_retry_interval} (Nova's default 5 s)
 * @param diskCacheModes    {@code disk_cachemodes}; the {@code network} entry applies to RBD disks
 * @param defaultCacheMode  the cache mode when {@code disk_cachemodes} has no {@code network} entry
 *                          (Nova's {@code disk_cachemode} property: {@code none})
 * @param discard           {@code hw_disk_discard}: {@code unmap}, {@code ignore} or empty
 * @param monProtocol       whether disk XML lists v1 (6789) or v2 (3300) monitor addresses
 */
public record RbdConfig(Path cephConf, String user, Optional<Path> keyring, String pool, String imagesPool,
                        Optional<String> secretUuid, Duration connectTimeout, Duration opTimeout,
                        int destroyRetries, Duration destroyRetryInterval, DiskCacheModes diskCacheModes,
                        String defaultCacheMode, Optional<String> discard, MonProtocol monProtocol) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern SECRET_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public RbdConfig {
        Objects.requireNonNull(cephConf, "cephConf");
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(secretUuid, "secretUuid");
        Objects.requireNonNull(discard, "discard");
        Objects.requireNonNull(diskCacheModes, "diskCacheModes");
        Objects.requireNonNull(monProtocol, "monProtocol");
        if (user == null || !USER.matcher(user).matches() || user.startsWith("client.")) {
            throw new InvalidInput("rbd_user '" + RbdNames.printable(user) + "' must be a cephx id like 'nova'"
                    + " (without 'client.')");
        }
        RbdNames.pool(pool);
        RbdNames.pool(imagesPool);
        secretUuid.ifPresent(s -> {
            if (!SECRET_UUID.matcher(s).matches()) {
                throw new InvalidInput("rbd_secret_uuid '" + RbdNames.printable(s) + "' is not a uuid");
            }
        });
        requirePositive("rbd_connect_timeout", connectTimeout);
        requirePositive("rados op timeout", opTimeout);
        Objects.requireNonNull(destroyRetryInterval, "destroyRetryInterval");
        if (destroyRetries < 1 || destroyRetryInterval.isNegative()) {
            throw new InvalidInput("rbd_destroy_volume_retries must be >= 1 and the interval >= 0");
        }
        if (!DiskCacheModes.VALID_MODES.contains(defaultCacheMode)) {
            throw new InvalidInput("invalid default cache mode '" + defaultCacheMode + "'");
        }
        discard.ifPresent(d -> {
            if (!d.equals("unmap") && !d.equals("ignore")) {
                throw new InvalidInput("hw_disk_discard must be unmap or ignore, not '" + d + "'");
            }
        });
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInput(what + " must be > 0");
        }
    }

    /** This configuration with another ceph.conf (e.g. a copy pointing at other monitors). */
    public RbdConfig withCephConf(Path otherCephConf) {
        return new RbdConfig(otherCephConf, user, keyring, pool, imagesPool, secretUuid, connectTimeout, opTimeout,
                destroyRetries, destroyRetryInterval, diskCacheModes, defaultCacheMode, discard, monProtocol);
    }

    /** A builder with Nova's defaults (pool {@code vms}, images pool {@code images}, 5 s connect timeout). */
    public static Builder builder(Path cephConf, String user) {
        return new Builder(cephConf, user);
    }

    /** The effective cache mode for RBD disks: {@code disk_cachemodes}' network entry, else the default. */
    public String cacheMode() {
        return diskCacheModes.forSourceType("network", defaultCacheMode);
    }

    /** Mutable builder of {@link RbdConfig}. */
    public static final class Builder {
        private final Path cephConf;
        private final String user;
        private Optional<Path> keyring = Optional.empty();
        private String pool = "vms";
        private String imagesPool = "images";
        private Optional<String> secretUuid = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration opTimeout = Duration.ofSeconds(30);
        private int destroyRetries = 12;
        private Duration destroyRetryInterval = Duration.ofSeconds(5);
        private DiskCacheModes diskCacheModes = DiskCacheModes.none();
        private String defaultCacheMode = "none";
        private Optional<String> discard = Optional.empty();
        private MonProtocol monProtocol = MonProtocol.V1;

        private Builder(Path cephConf, String user) {
            this.cephConf = cephConf;
            this.user = user;
        }

        public Builder keyring(Path v) { this.keyring = Optional.ofNullable(v); return this; }
        public Builder pool(String v) { this.pool = v; return this; }
        public Builder imagesPool(String v) { this.imagesPool = v; return this; }
        public Builder secretUuid(String v) { this.secretUuid = Optional.ofNullable(v); return this; }
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        public Builder opTimeout(Duration v) { this.opTimeout = v; return this; }
        public Builder destroyRetries(int v) { this.destroyRetries = v; return this; }
        public Builder destroyRetryInterval(Duration v) { this.destroyRetryInterval = v; return this; }
        public Builder diskCacheModes(DiskCacheModes v) { this.diskCacheModes = v; return this; }
        public Builder defaultCacheMode(String v) { this.defaultCacheMode = v; return this; }
        public Builder discard(String v) { this.discard = Optional.ofNullable(v); return this; }
        public Builder monProtocol(MonProtocol v) { this.monProtocol = v; return this; }

        public RbdConfig build() {
            return new RbdConfig(cephConf, user, keyring, pool, imagesPool, secretUuid, connectTimeout, opTimeout,
                    destroyRetries, destroyRetryInterval, diskCacheModes, defaultCacheMode, discard, monProtocol);
        }
    }
}
