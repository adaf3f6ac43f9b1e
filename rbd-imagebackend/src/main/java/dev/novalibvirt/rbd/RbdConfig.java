package dev.novalibvirt.rbd;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the RBD image backend; the fields mirror Nova's {@code [libvirt]} options. Derive it from the
 * host's nova.conf with {@link #from(NovaConfig)} (or {@link #builder(NovaConfig)} to add what nova.conf does not
 * hold), so that nova.conf stays the one source of truth; {@link #builder(Path, String)} builds one from scratch.
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

    /** The longest timeout accepted (librados takes seconds as an int; beyond a day it is no limit anyway). */
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern SECRET_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public RbdConfig {
        Checks.required(cephConf, "images_rbd_ceph_conf (cephConf)");
        Checks.required(keyring, "keyring");
        Checks.required(secretUuid, "rbd_secret_uuid");
        Checks.required(discard, "hw_disk_discard");
        Checks.required(diskCacheModes, "disk_cachemodes");
        Checks.required(monProtocol, "monProtocol (mon address protocol v1/v2)");
        if (user == null || !USER.matcher(user).matches() || user.startsWith("client.")) {
            throw new InvalidInput("rbd_user " + SafeText.quote(user) + " must be a cephx id like 'nova'"
                    + " (without 'client.')");
        }
        RbdNames.pool(pool);
        RbdNames.pool(imagesPool);
        secretUuid.ifPresent(s -> {
            if (!SECRET_UUID.matcher(s).matches()) {
                throw new InvalidInput("rbd_secret_uuid " + SafeText.quote("rbd_secret_uuid", s) + " is not a uuid");
            }
        });
        requirePositive("rbd_connect_timeout", connectTimeout);
        requirePositive("rados op timeout", opTimeout);
        Checks.required(destroyRetryInterval, "rbd_destroy_volume_retry_interval");
        if (destroyRetries < 1 || destroyRetryInterval.isNegative()) {
            throw new InvalidInput("rbd_destroy_volume_retries must be >= 1 and the interval >= 0");
        }
        if (!DiskCacheModes.VALID_MODES.contains(defaultCacheMode)) {
            throw new InvalidInput("invalid default cache mode " + SafeText.quote(defaultCacheMode) + " (one of "
                    + DiskCacheModes.VALID_MODES + ")");
        }
        discard.ifPresent(d -> {
            if (!d.equals("unmap") && !d.equals("ignore")) {
                throw new InvalidInput("hw_disk_discard must be unmap or ignore, not " + SafeText.quote(d));
            }
        });
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidInput(what + " must be > 0 and at most " + MAX_TIMEOUT.toHours() + " h, got " + d);
        }
    }

    /** This configuration with another ceph.conf (e.g. a copy pointing at other monitors). */
    public RbdConfig withCephConf(Path otherCephConf) {
        return new RbdConfig(otherCephConf, user, keyring, pool, imagesPool, secretUuid, connectTimeout, opTimeout,
                destroyRetries, destroyRetryInterval, diskCacheModes, defaultCacheMode, discard, monProtocol);
    }

    /**
     * A builder with Nova's defaults (pool {@code rbd}, 5 s connect timeout, 12 destroy retries 5 s apart), Glance's
     * images pool {@code images}, and nothing from nova.conf; {@link #builder(NovaConfig)} reads nova.conf instead.
     */
    public static Builder builder(Path cephConf, String user) {
        return new Builder(cephConf, user);
    }

    /** {@link #builder(NovaConfig)} as it is: nova.conf's options, the defaults for the rest. */
    public static RbdConfig from(NovaConfig novaConfig) {
        return builder(novaConfig).build();
    }

    /**
     * A builder preset from nova.conf's {@code [libvirt]} options, with Nova's names and defaults:
     * {@code images_rbd_ceph_conf} (empty: {@code /etc/ceph/ceph.conf}, where librados looks first),
     * {@code rbd_user} (unset: {@code admin}, librados' default id, as in Nova), {@code images_rbd_pool} (default
     * {@code rbd}), {@code rbd_secret_uuid}, {@code rbd_connect_timeout}, {@code rbd_destroy_volume_retries} (0 is
     * taken as 1: one retry), {@code rbd_destroy_volume_retry_interval}, {@code disk_cachemodes} and
     * {@code hw_disk_discard}.
     *
     * <p>nova.conf has no option for the rest, so they keep their defaults unless set on the builder:
     * <ul>
     *   <li>keyring: like Nova, none is given to librados, which reads ceph.conf's {@code keyring} option (in
     *       {@code [client]} or {@code [client.<rbd_user>]}), else its default paths such as
     *       {@code /etc/ceph/ceph.client.<rbd_user>.keyring}; {@link Builder#keyring} overrides it.</li>
     *   <li>images pool: the Glance store's pool, glance-api.conf's {@code [glance_store] rbd_store_pool} (default
     *       {@code images}), which Nova reads from each image's location; {@link Builder#imagesPool}.</li>
     *   <li>the op timeout (ours, 30 s) and the monitor protocol of disk XML (v1).</li>
     * </ul>
     *
     * @throws InvalidConfiguration when {@code [libvirt] images_type} is not {@code rbd}
     */
    public static Builder builder(NovaConfig novaConfig) {
        if (novaConfig == null) {
            throw InvalidConfiguration.missingPart("RbdConfig.builder(novaConfig)", "novaConfig",
                    "pass the host's nova.conf, e.g. NovaConfig.fromFile(Path.of(\"/etc/nova/nova.conf\"))");
        }
        LibvirtOptions l = novaConfig.libvirt();
        if (!l.usesRbd()) {
            throw new InvalidConfiguration("[libvirt] images_type = " + l.imagesType() + ": an RBD image backend "
                    + "needs images_type = rbd in nova.conf");
        }
        return new Builder(l.imagesRbdCephConfPath(), l.rbdUser() == null ? "admin" : l.rbdUser())
                .pool(l.imagesRbdPool())
                .secretUuid(l.rbdSecretUuid())
                .connectTimeout(Duration.ofSeconds(l.rbdConnectTimeout()))
                .destroyRetries(Math.max(1, l.rbdDestroyVolumeRetries()))
                .destroyRetryInterval(Duration.ofSeconds(l.rbdDestroyVolumeRetryInterval()))
                .diskCacheModes(l.diskCachemodes())
                .discard(l.hwDiskDiscard());
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
        private String pool = "rbd";
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

        /** @throws InvalidConfiguration when the ceph.conf path or the user is missing */
        public RbdConfig build() {
            String builder = "RbdConfig.builder(cephConf, user)";
            if (cephConf == null) {
                throw InvalidConfiguration.missingPart(builder, "cephConf", "pass the ceph.conf path ([libvirt] "
                        + "images_rbd_ceph_conf), e.g. Path.of(\"/etc/ceph/ceph.conf\"), or derive the whole "
                        + "configuration from nova.conf with RbdConfig.from(novaConfig)");
            }
            if (user == null) {
                throw InvalidConfiguration.missingPart(builder, "user", "pass the cephx id without 'client.' "
                        + "([libvirt] rbd_user), e.g. \"nova\", or derive the whole configuration from nova.conf "
                        + "with RbdConfig.from(novaConfig)");
            }
            return new RbdConfig(cephConf, user, keyring, pool, imagesPool, secretUuid, connectTimeout, opTimeout,
                    destroyRetries, destroyRetryInterval, diskCacheModes, defaultCacheMode, discard, monProtocol);
        }
    }
}
