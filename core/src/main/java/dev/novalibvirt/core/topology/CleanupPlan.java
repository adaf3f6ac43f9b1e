package dev.novalibvirt.core.topology;

/**
 * What one cleanup step removes, computed from a {@link StorageTopology} in this one place and nowhere else.
 *
 * <p>The three entry points mirror the three places Nova derives cleanup flags:
 * <ul>
 *   <li>{@link #afterSuccessAtSource}: {@code ComputeManager._post_live_migration} with
 *       {@code _live_migration_cleanup_flags}, then {@code LibvirtDriver.cleanup(destroy_disks, migrate_data)};</li>
 *   <li>{@link #afterRollbackAtDestination}: {@code rollback_live_migration_at_destination(destroy_disks)}, i.e.
 *       {@code destroy} + its {@code finally} that removes the destination instance dir;</li>
 *   <li>{@link #forCleanup}: the flag conversion at the top of {@code LibvirtDriver.cleanup}.</li>
 * </ul>
 * Invariant: when block storage is shared (RBD), {@code removeInstanceDisks} is false on every path, so a migration
 * cleanup never deletes the only copy of a guest's disks.
 *
 * @param doCleanup            whether the step runs at all (Nova's {@code do_cleanup})
 * @param destroyDisks         Nova's {@code destroy_disks} flag as passed to the driver
 * @param removeInstanceDir    remove {@code instances_path/<uuid>} on the host the step runs on
 * @param removeInstanceDisks  remove the instance's disks from the image backend
 */
public record CleanupPlan(boolean doCleanup, boolean destroyDisks, boolean removeInstanceDir,
                          boolean removeInstanceDisks) {

    /** Nothing to do. */
    public static final CleanupPlan NOTHING = new CleanupPlan(false, false, false, false);

    /**
     * Nova's {@code ComputeManager._live_migration_cleanup_flags} for libvirt migrate data (no vPMEM, mdev, NUMA
     * power management or vTPM here): {@code do_cleanup = not shared instance path},
     * {@code destroy_disks = not (shared block storage or shared instance path)}.
     *
     */
    public static ManagerFlags managerCleanupFlags(StorageTopology t) {
        return new ManagerFlags(!t.sharedInstancePath(), !t.onSharedStorage());
    }

    /** The pair {@code (do_cleanup, destroy_disks)} of {@code _live_migration_cleanup_flags}. */
    public record ManagerFlags(boolean doCleanup, boolean destroyDisks) {
    }

    /** The source's cleanup after a successful migration (the guest now runs on the destination). */
    public static CleanupPlan afterSuccessAtSource(StorageTopology t) {
        ManagerFlags flags = managerCleanupFlags(t);
        if (!flags.doCleanup()) {
            return new CleanupPlan(false, flags.destroyDisks(), false, false);
        }
        return forCleanup(flags.destroyDisks(), t, false, false);
    }

    /**
     * The destination's cleanup after a failed or cancelled migration (the guest still runs on the source). Nova's
     * {@code destroy} does not forward migrate data, so only {@code destroy_disks} decides the disks; its
     * {@code finally} removes the destination dir whenever the instance path is not shared.
     */
    public static CleanupPlan afterRollbackAtDestination(StorageTopology t) {
        ManagerFlags flags = managerCleanupFlags(t);
        if (!flags.doCleanup()) {
            return new CleanupPlan(false, flags.destroyDisks(), false, false);
        }
        return new CleanupPlan(true, flags.destroyDisks(), !t.sharedInstancePath(), flags.destroyDisks());
    }

    /**
     * What the destination driver's {@code rollback_live_migration_at_destination(destroy_disks, migrate_data)}
     * removes: disks only with {@code destroy_disks} (its {@code destroy} gets no migrate data), and, in its
     * {@code finally}, the instance dir unless the instance path is shared; without migrate data Nova assumes a
     * shared path and keeps the dir.
     *
     * @param destroyDisks          as the manager passed it
     * @param sharedInstancePath    {@code migrate_data.is_shared_instance_path}, or null when unknown
     * @param sharedBlockStorage    the destination backend's {@code is_shared_block_storage()}: shared disks are
     *                              never removed, whatever the flag says
     */
    public static CleanupPlan forRollbackAtDestination(boolean destroyDisks, Boolean sharedInstancePath,
                                                       boolean sharedBlockStorage) {
        boolean sharedPath = sharedInstancePath == null || sharedInstancePath;
        return new CleanupPlan(true, destroyDisks, !sharedPath, destroyDisks && !sharedBlockStorage);
    }

    /**
     * The flag conversion of {@code LibvirtDriver.cleanup}: {@code destroy_disks} removes dir and disks; otherwise,
     * with migrate data, the dir is removed when block storage is shared and the instance path is not (the shared
     * NFS guard of bug 2080436); otherwise {@code [workarounds] ensure_libvirt_rbd_instance_dir_cleanup} removes it
     * for RBD.
     *
     * @param destroyDisks     Nova's {@code destroy_disks}
     * @param topology         the migrate data's topology, or null when called without migrate data
     * @param rbdWorkaround    {@code ensure_libvirt_rbd_instance_dir_cleanup}
     * @param imagesTypeIsRbd  {@code images_type == 'rbd'}
     */
    public static CleanupPlan forCleanup(boolean destroyDisks, StorageTopology topology, boolean rbdWorkaround,
                                         boolean imagesTypeIsRbd) {
        if (destroyDisks) {
            return new CleanupPlan(true, true, true, true);
        }
        boolean dir;
        if (topology != null) {
            dir = topology.sharedBlockStorage() && !topology.sharedInstancePath();
        } else {
            dir = rbdWorkaround && imagesTypeIsRbd;
        }
        return new CleanupPlan(true, false, dir, false);
    }
}
