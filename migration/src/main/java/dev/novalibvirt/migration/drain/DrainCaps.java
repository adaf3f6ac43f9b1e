package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.exception.InvalidConfiguration;

/**
 * How many live migrations may run at once. Every cap counts a migration from its start (the pre-checks) to its
 * end (post or rollback steps), and 0 means unlimited in each, as Nova's {@code [DEFAULT]
 * max_concurrent_live_migrations} reads 0.
 *
 * <p>Defaults, and why:
 * <ul>
 * <li>{@code maxPerSource} = 1: Nova's default for {@code max_concurrent_live_migrations} (nova/conf/compute.py,
 * {@code default=1, min=0}), the size of the source compute's live-migration executor that queues the rest.
 * This library is that compute manager, so it keeps Nova's default; KubeVirt's {@code
 * parallelOutboundMigrationsPerNode} is 2 (pkg/virt-config/virt-config.go,
 * {@code ParallelOutboundMigrationsPerNodeDefault}).
 * Nova's 0 is "unlimited" in the option's help; Nova has deprecated it (nova/utils.py {@code
 * get_max_concurrent_live_migrations} warns and sizes the pool 5 in threading mode, 1000 in eventlet mode),
 * this library keeps the documented meaning: no cap.</li>
 * <li>{@code maxPerCluster} = 5: Nova has no cluster-wide cap (each compute only caps its own outbound
 * migrations), so KubeVirt's {@code parallelMigrationsPerCluster} default of 5 is taken: it bounds what several
 * drains sharing one {@link MigrationSlots} put on the migration network at once.</li>
 * <li>{@code maxInboundPerDestination} = 0 (none): neither Nova nor KubeVirt caps inbound migrations.</li>
 * </ul>
 *
 * @param maxPerSource             migrations leaving one host at once ({@code max_concurrent_live_migrations})
 * @param maxPerCluster            migrations running at once across every drain sharing the slots
 * @param maxInboundPerDestination migrations arriving at one host at once
 */
public record DrainCaps(int maxPerSource, int maxPerCluster, int maxInboundPerDestination) {
    /** Nova's {@code max_concurrent_live_migrations} default. */
    public static final int NOVA_MAX_CONCURRENT_LIVE_MIGRATIONS = 1;
    /** KubeVirt's {@code parallelMigrationsPerCluster} default. */
    public static final int KUBEVIRT_PARALLEL_MIGRATIONS_PER_CLUSTER = 5;

    /** @throws InvalidConfiguration naming the cap when one is negative (Nova's option has {@code min=0}) */
    public DrainCaps {
        requireNotNegative("maxPerSource (max_concurrent_live_migrations)", maxPerSource);
        requireNotNegative("maxPerCluster", maxPerCluster);
        requireNotNegative("maxInboundPerDestination", maxInboundPerDestination);
    }

    /** 1 per source, 5 per cluster, no inbound cap. */
    public static DrainCaps defaults() {
        return new DrainCaps(NOVA_MAX_CONCURRENT_LIVE_MIGRATIONS, KUBEVIRT_PARALLEL_MIGRATIONS_PER_CLUSTER, 0);
    }

    public DrainCaps withMaxPerSource(int value) {
        return new DrainCaps(value, maxPerCluster, maxInboundPerDestination);
    }

    public DrainCaps withMaxPerCluster(int value) {
        return new DrainCaps(maxPerSource, value, maxInboundPerDestination);
    }

    public DrainCaps withMaxInboundPerDestination(int value) {
        return new DrainCaps(maxPerSource, maxPerCluster, value);
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new InvalidConfiguration("drain cap " + name + " is " + value
                    + ": expected 0 (unlimited) or a positive number of migrations");
        }
    }
}
