package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.volume.VolumeConnectionInfo;

/**
 * The compute-driver contract for placing, live-migrating and cleaning up guests; mirrors the methods of
 * {@code nova.virt.driver.ComputeDriver} that the live-migration path uses, with Nova's parameters (minus the
 * request context) and Nova's exceptions. Which host each call runs on follows Nova's compute manager
 * (see {@code LiveMigrationTask} in the migration module for the order of calls).
 *
 * <p>Nova passes {@code migrate_data} objects that each step mutates; here each step returns a new
 * {@link LibvirtLiveMigrateData}, so the data that crossed between hosts is explicit.
 */
public interface ComputeDriver extends AutoCloseable {

    /** The host name this driver's compute node is reached by ({@code CONF.host}). */
    String host();

    /** Mirrors {@code get_available_resource}: the compute-node record the migration checks compare. */
    ComputeInfo getAvailableResource();

    /**
     * Mirrors {@code spawn}: create the instance dir, the root disk in the image backend (an RBD clone of the
     * image, grown to {@code root_gb}, or the image's own size when {@code root_gb} is 0), {@code console.log}, then
     * define and start the domain and wait until it runs. A boot-from-volume instance (a mapping of
     * {@code blockDeviceInfo} with {@code boot_index} 0) gets that volume as its root disk and no image-backend disk;
     * every volume of {@code blockDeviceInfo} is connected and attached.
     *
     * @throws dev.novalibvirt.core.exception.InvalidBDM an instance without image_ref and without a boot volume, or
     *         a volume without connection_info, with nothing created
     */
    void spawn(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
               boolean powerOn);

    /**
     * Mirrors {@code destroy}: power the domain off, then {@link #cleanup} with {@code destroyDisks}. Like Nova it
     * takes no migrate data.
     */
    void destroy(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                 boolean destroySecrets);

    /**
     * Mirrors {@code cleanup}: undefine the domain and remove what the {@code CleanupPlan} derived from
     * {@code destroyDisks} and {@code migrateData} says (instance dir, disks). {@code migrateData} may be null.
     */
    void cleanup(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                 LibvirtLiveMigrateData migrateData, boolean destroyVifs, boolean destroySecrets);

    /**
     * Mirrors {@code get_info}.
     *
     * @throws dev.novalibvirt.core.exception.InstanceNotFound when no domain exists
     */
    InstanceInfo getInfo(Instance instance);

    /** Whether a domain for the instance is defined on this host (Nova: {@code instance_exists}). */
    boolean instanceExists(Instance instance);

    /**
     * Mirrors {@code attach_volume(context, connection_info, instance, mountpoint, disk_bus, device_type)}: connect
     * the volume on this host and attach its disk to the guest's definition, and to the running domain when it runs.
     * A driver that cannot throws {@link UnsupportedOperationException} (Nova's {@code NotImplementedError}).
     *
     * @param mountpoint where the guest sees the volume, e.g. {@code /dev/vdb}
     * @param diskBus    e.g. {@code virtio}; null for the driver's default
     * @param deviceType e.g. {@code disk}; null for {@code disk}
     * @throws dev.novalibvirt.core.exception.InstanceNotFound   no domain for the instance on this host
     * @throws dev.novalibvirt.core.exception.DevicePathInUse    the guest has a disk at {@code mountpoint}
     * @throws dev.novalibvirt.core.exception.VolumeAttachFailed the volume cannot be attached (nothing stays changed)
     */
    default void attachVolume(VolumeConnectionInfo connectionInfo, Instance instance,
                              String mountpoint, String diskBus, String deviceType) {
        throw new UnsupportedOperationException("attach_volume");
    }

    /**
     * Mirrors {@code detach_volume(context, connection_info, instance, mountpoint)}: detach the volume's disk from
     * the guest (definition and running domain), then disconnect it on this host; never deletes the volume. A
     * guest that is gone or lacks the disk still gets the volume disconnected.
     *
     * @throws dev.novalibvirt.core.exception.DeviceDetachFailed the guest did not let go of the disk
     */
    default void detachVolume(VolumeConnectionInfo connectionInfo, Instance instance,
                              String mountpoint) {
        throw new UnsupportedOperationException("detach_volume");
    }

    /**
     * Mirrors {@code check_can_live_migrate_destination}, on the DESTINATION: compare CPUs, create the
     * shared-storage test file and return the destination's check data.
     *
     * @throws dev.novalibvirt.core.exception.MigrationPreCheckError when the CPU is incompatible
     */
    LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance instance, ComputeInfo srcComputeInfo,
                                                          ComputeInfo dstComputeInfo, Boolean blockMigration,
                                                          Boolean diskOverCommit);

    /** Mirrors {@code cleanup_live_migration_destination_check}, on the DESTINATION: remove the test file. */
    void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData destCheckData);

    /**
     * Mirrors {@code check_can_live_migrate_source}, on the SOURCE: decide the storage topology and refuse
     * impossible combinations.
     *
     * @throws dev.novalibvirt.core.exception.InvalidLocalStorage  block migration with shared storage
     * @throws dev.novalibvirt.core.exception.InvalidSharedStorage no block migration and no shared storage
     */
    LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance instance, LibvirtLiveMigrateData destCheckData,
                                                     BlockDeviceInfo blockDeviceInfo);

    /**
     * Mirrors {@code pre_live_migration}, on the DESTINATION: instance dir (when the path is not shared),
     * {@code console.log}, cephx secret, bridges; returns the data with the destination's fields.
     *
     * @throws dev.novalibvirt.core.exception.DestinationDiskExists when the instance dir is already there
     * @throws dev.novalibvirt.core.exception.MigrationPreCheckError when a secret or bridge is missing or wrong
     * @throws dev.novalibvirt.core.exception.SocketPortRangeExhaustedException when serial consoles are enabled and
     *         no port of {@code [serial_console] port_range} is free
     */
    LibvirtLiveMigrateData preLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                            NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData);

    /**
     * Mirrors {@code live_migration}, on the SOURCE: start the migration to {@code dest} and block until libvirt's
     * job ends, then call exactly one of the callbacks.
     *
     * @throws dev.novalibvirt.core.exception.InvalidHostname when {@code dest} is not a plain host name or address
     */
    void liveMigration(Instance instance, String dest, LiveMigrationCallbacks callbacks, boolean blockMigration,
                       LibvirtLiveMigrateData migrateData);

    /**
     * Mirrors {@code live_migration_abort}, on the SOURCE.
     *
     * @throws dev.novalibvirt.core.exception.NoActiveMigrationForInstance when nothing is migrating
     */
    void liveMigrationAbort(Instance instance);

    /**
     * Mirrors {@code live_migration_force_complete}, on the SOURCE: pause the guest (or switch to post-copy) so
     * the migration converges.
     *
     * @throws dev.novalibvirt.core.exception.NoActiveMigrationForInstance when nothing is migrating
     */
    void liveMigrationForceComplete(Instance instance);

    /** Mirrors {@code post_live_migration}, on the SOURCE after success: disconnect volumes. */
    void postLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo, LibvirtLiveMigrateData migrateData);

    /**
     * Mirrors {@code post_live_migration_at_source}, on the SOURCE: unplug VIFs. A driver that cannot throws
     * {@link UnsupportedOperationException} (Nova's {@code NotImplementedError}); the manager then asks
     * {@link #cleanup} to destroy the VIFs instead, and otherwise it does not.
     */
    void postLiveMigrationAtSource(Instance instance, NetworkInfo networkInfo);

    /**
     * Mirrors {@code post_live_migration_at_destination}, on the DESTINATION: the domain is already defined there
     * (PERSIST_DEST); confirm it runs.
     */
    void postLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo, boolean blockMigration,
                                        BlockDeviceInfo blockDeviceInfo);

    /** Mirrors {@code rollback_live_migration_at_source}, on the SOURCE (a no-op without SR-IOV). */
    void rollbackLiveMigrationAtSource(Instance instance, LibvirtLiveMigrateData migrateData);

    /**
     * Mirrors {@code rollback_live_migration_at_destination}, on the DESTINATION: destroy any half-arrived domain
     * and remove the destination instance dir when the path is not shared; disks only with {@code destroyDisks}.
     */
    void rollbackLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo,
                                            BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                                            LibvirtLiveMigrateData migrateData);

    /** Releases the driver's connections. */
    @Override
    void close();
}
