package dev.novalibvirt.migration.monitor;

/**
 * The amount of data a migration moves, in GiB; mirrors Nova's {@code LibvirtDriver._live_migration_data_gb}.
 *
 * <p>RAM counts at least 2 GiB; each block-migrated disk counts its file size, at least 2 GiB. For RBD-backed
 * guests (shared block storage) no disk is copied, so the size is about the RAM. It scales the downtime delay
 * and the completion timeout.
 */
public final class MigrationDataSize {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private MigrationDataSize() {
    }

    /**
     * @param memoryMb         the flavor's RAM in MiB
     * @param copiedDiskBytes  sizes of the disks copied by a block migration (none for RBD)
     */
    public static double dataGb(long memoryMb, long... copiedDiskBytes) {
        if (memoryMb < 0) {
            throw new IllegalArgumentException("memory must be >= 0 MiB, got " + memoryMb);
        }
        double ramGb = Math.max(memoryMb / 1024.0, 2);
        double diskGb = 0;
        for (long bytes : copiedDiskBytes) {
            diskGb += Math.max(bytes / GIB, 2);
        }
        return ramGb + diskGb;
    }

    /** Nova's {@code completion_timeout = int(live_migration_completion_timeout * data_gb)}, in seconds. */
    public static long completionTimeoutSeconds(int timeoutSecPerGiB, double dataGb) {
        return (long) (timeoutSecPerGiB * dataGb);
    }
}
