package dev.novalibvirt.core.config;

import dev.novalibvirt.core.image.DiskCacheModes;
import java.nio.file.Path;
import java.util.Set;

/**
 * nova.conf {@code [libvirt]} options for the RBD image backend and live migration, with Nova's defaults.
 * Nullable components mirror options whose default is None.
 *
 * @param connectionUri                     {@code connection_uri} (default "" = derived from virt_type)
 * @param virtType                          {@code virt_type} (default kvm)
 * @param imagesType                        {@code images_type} (default "default")
 * @param imagesRbdPool                     {@code images_rbd_pool} (default rbd)
 * @param imagesRbdCephConf                 {@code images_rbd_ceph_conf} (default "": librados' default search,
 *                                          see {@link #imagesRbdCephConfPath()})
 * @param rbdUser                           {@code rbd_user} (nullable)
 * @param rbdSecretUuid                     {@code rbd_secret_uuid} (nullable)
 * @param rbdConnectTimeout                 {@code rbd_connect_timeout} seconds (default 5)
 * @param rbdDestroyVolumeRetries           {@code rbd_destroy_volume_retries} (default 12, min 0)
 * @param rbdDestroyVolumeRetryInterval     {@code rbd_destroy_volume_retry_interval} seconds (default 5, min 0)
 * @param diskCachemodes                    {@code disk_cachemodes} by source type; invalid modes warned and skipped
 *                                          (see {@link DiskCacheModes#fromNovaConf})
 * @param hwDiskDiscard                     {@code hw_disk_discard}: {@code unmap} or {@code ignore} (nullable)
 * @param liveMigrationScheme               {@code live_migration_scheme} (nullable; tcp when unset): one of libvirt's
 *                                          transports (tcp, tls, ssh, libssh, libssh2, unix, ext)
 * @param liveMigrationInboundAddr          {@code live_migration_inbound_addr} (nullable)
 * @param liveMigrationUri                  {@code live_migration_uri}, deprecated form with {@code %s} (nullable)
 * @param liveMigrationBandwidth            {@code live_migration_bandwidth} MiB/s (default 0 = hypervisor's choice)
 * @param liveMigrationTunnelled            {@code live_migration_tunnelled} (default false, deprecated)
 * @param liveMigrationWithNativeTls        {@code live_migration_with_native_tls} (default false)
 * @param liveMigrationPermitPostCopy       {@code live_migration_permit_post_copy} (default false)
 * @param liveMigrationPermitAutoConverge   {@code live_migration_permit_auto_converge} (default false)
 * @param liveMigrationCompletionTimeout    {@code live_migration_completion_timeout} s/GiB (default 800, 0 = off)
 * @param liveMigrationTimeoutAction        {@code live_migration_timeout_action}: abort (default) or force_complete
 * @param liveMigrationDowntime             {@code live_migration_downtime} ms (default 500, min 100)
 * @param liveMigrationDowntimeSteps        {@code live_migration_downtime_steps} (default 10, min 3)
 * @param liveMigrationDowntimeDelay        {@code live_migration_downtime_delay} s/GiB (default 75, min 3)
 * @param liveMigrationParallelConnections  {@code live_migration_parallel_connections} (default 1)
 * @param liveMigrationConvergencePolicy    {@code live_migration_convergence_policy} (default false): this library's
 *                                          own option, not Nova's. When true, the driver's default live-migration
 *                                          monitor decides from the job statistics at each memory iteration and
 *                                          escalates early: downtime steps first, then post-copy when
 *                                          {@code live_migration_permit_post_copy} allows it, then
 *                                          {@code live_migration_timeout_action}. When false, only Nova's time-based
 *                                          downtime steps and completion timeout apply.
 */
public record LibvirtOptions(
        String connectionUri, String virtType, String imagesType, String imagesRbdPool, String imagesRbdCephConf,
        String rbdUser, String rbdSecretUuid, int rbdConnectTimeout, int rbdDestroyVolumeRetries,
        int rbdDestroyVolumeRetryInterval, DiskCacheModes diskCachemodes, String hwDiskDiscard,
        String liveMigrationScheme, String liveMigrationInboundAddr, String liveMigrationUri,
        int liveMigrationBandwidth, boolean liveMigrationTunnelled, boolean liveMigrationWithNativeTls,
        boolean liveMigrationPermitPostCopy, boolean liveMigrationPermitAutoConverge,
        int liveMigrationCompletionTimeout, String liveMigrationTimeoutAction, int liveMigrationDowntime,
        int liveMigrationDowntimeSteps, int liveMigrationDowntimeDelay, int liveMigrationParallelConnections,
        boolean liveMigrationConvergencePolicy) {

    static final Set<String> VIRT_TYPES = Set.of("kvm", "lxc", "qemu", "parallels");
    static final Set<String> IMAGES_TYPES = Set.of("raw", "flat", "qcow2", "lvm", "rbd", "ploop", "default");
    static final Set<String> DISCARD_MODES = Set.of("ignore", "unmap");

    /** librados' first default ceph.conf, what an empty {@code images_rbd_ceph_conf} leads it to. */
    public static final Path DEFAULT_CEPH_CONF = Path.of("/etc/ceph/ceph.conf");

    /** Upper bounds: beyond them a value is a typo, and time arithmetic would overflow. */
    static final int MAX_TIMEOUT_S = 86_400;
    static final int MAX_RETRIES = 1_000;
    static final int MAX_DOWNTIME_MS = 2_000_000;
    static final int MAX_DOWNTIME_STEPS = 1_000;
    static final int MAX_PARALLEL_CONNECTIONS = 255;

    /** @throws dev.novalibvirt.core.exception.InvalidConfiguration naming the option and what it must be */
    public LibvirtOptions {
        diskCachemodes = diskCachemodes == null ? DiskCacheModes.none() : diskCachemodes;
        OptionChecks.uri("libvirt", "connection_uri", connectionUri);
        if (imagesRbdPool == null) {
            throw new dev.novalibvirt.core.exception.InvalidConfiguration(
                    "[libvirt] images_rbd_pool is required (got null)");
        }
        OptionChecks.cephName("libvirt", "images_rbd_pool", imagesRbdPool);
        if (imagesRbdCephConf != null && !imagesRbdCephConf.isBlank()) {
            OptionChecks.absolutePath("libvirt", "images_rbd_ceph_conf", imagesRbdCephConf);
        }
        OptionChecks.cephName("libvirt", "rbd_user", rbdUser);
        OptionChecks.range("libvirt", "rbd_connect_timeout", rbdConnectTimeout, 0, MAX_TIMEOUT_S);
        OptionChecks.range("libvirt", "rbd_destroy_volume_retries", rbdDestroyVolumeRetries, 0, MAX_RETRIES);
        OptionChecks.range("libvirt", "rbd_destroy_volume_retry_interval", rbdDestroyVolumeRetryInterval, 0,
                MAX_TIMEOUT_S);
        OptionChecks.scheme("libvirt", "live_migration_scheme", liveMigrationScheme);
        OptionChecks.hostWithOptionalPort("libvirt", "live_migration_inbound_addr", liveMigrationInboundAddr);
        OptionChecks.uri("libvirt", "live_migration_uri", liveMigrationUri);
        OptionChecks.range("libvirt", "live_migration_bandwidth", liveMigrationBandwidth, 0, Integer.MAX_VALUE);
        OptionChecks.range("libvirt", "live_migration_completion_timeout", liveMigrationCompletionTimeout, 0,
                MAX_TIMEOUT_S);
        OptionChecks.range("libvirt", "live_migration_downtime", liveMigrationDowntime, 100, MAX_DOWNTIME_MS);
        OptionChecks.range("libvirt", "live_migration_downtime_steps", liveMigrationDowntimeSteps, 3,
                MAX_DOWNTIME_STEPS);
        OptionChecks.range("libvirt", "live_migration_downtime_delay", liveMigrationDowntimeDelay, 3, MAX_TIMEOUT_S);
        OptionChecks.range("libvirt", "live_migration_parallel_connections", liveMigrationParallelConnections, 1,
                MAX_PARALLEL_CONNECTIONS);
    }

    static LibvirtOptions read(IniFile ini) {
        OptionReader r = new OptionReader(ini, "libvirt");
        return new LibvirtOptions(
                r.string("connection_uri", ""),
                r.choice("virt_type", "kvm", VIRT_TYPES),
                r.choice("images_type", "default", IMAGES_TYPES),
                r.string("images_rbd_pool", "rbd"),
                r.string("images_rbd_ceph_conf", ""),
                r.optString("rbd_user").orElse(null),
                r.optString("rbd_secret_uuid").orElse(null),
                r.integer("rbd_connect_timeout", 5, 0, MAX_TIMEOUT_S),
                r.integer("rbd_destroy_volume_retries", 12, 0, MAX_RETRIES),
                r.integer("rbd_destroy_volume_retry_interval", 5, 0, MAX_TIMEOUT_S),
                DiskCacheModes.fromNovaConf(r.list("disk_cachemodes")),
                r.optChoice("hw_disk_discard", DISCARD_MODES),
                r.optString("live_migration_scheme").orElse(null),
                r.optString("live_migration_inbound_addr").orElse(null),
                r.optString("live_migration_uri").orElse(null),
                r.integer("live_migration_bandwidth", 0, 0),
                r.bool("live_migration_tunnelled", false),
                r.bool("live_migration_with_native_tls", false),
                r.bool("live_migration_permit_post_copy", false),
                r.bool("live_migration_permit_auto_converge", false),
                r.integer("live_migration_completion_timeout", 800, 0, MAX_TIMEOUT_S),
                r.choice("live_migration_timeout_action", "abort", Set.of("abort", "force_complete")),
                r.integer("live_migration_downtime", 500, 100, MAX_DOWNTIME_MS),
                r.integer("live_migration_downtime_steps", 10, 3, MAX_DOWNTIME_STEPS),
                r.integer("live_migration_downtime_delay", 75, 3, MAX_TIMEOUT_S),
                r.integer("live_migration_parallel_connections", 1, 1, MAX_PARALLEL_CONNECTIONS),
                r.bool("live_migration_convergence_policy", false));
    }

    /**
     * The ceph.conf librados reads: {@code images_rbd_ceph_conf}, or {@link #DEFAULT_CEPH_CONF} when it is empty
     * (Nova passes the empty value to librados, which then searches its default paths, this one first).
     */
    public Path imagesRbdCephConfPath() {
        return imagesRbdCephConf == null || imagesRbdCephConf.isBlank() ? DEFAULT_CEPH_CONF
                : Path.of(imagesRbdCephConf);
    }

    /** Nova's {@code images_type == 'rbd'}. */
    public boolean usesRbd() {
        return "rbd".equals(imagesType);
    }
}
