package dev.novalibvirt.migration.monitor;

/**
 * A snapshot of a migration job's statistics; mirrors Nova's {@code guest.JobInfo} with the fields of libvirt's
 * {@code virDomainGetJobStats} ({@code VIR_DOMAIN_JOB_*} typed parameters) that a monitor needs.
 *
 * <p>Units are libvirt's: times in milliseconds, sizes in bytes, {@code memoryBps} in bytes/s,
 * {@code memoryDirtyRate} in pages/s of {@code memoryPageSize} bytes. For a running job {@code downtimeMs} is
 * QEMU's expected downtime; for a completed job it is the measured one. Absent statistics are 0.
 */
public record JobInfo(
        JobType type,
        long timeElapsedMs,
        long timeRemainingMs,
        long downtimeMs,
        long setupTimeMs,
        long dataTotal,
        long dataProcessed,
        long dataRemaining,
        long memoryTotal,
        long memoryProcessed,
        long memoryRemaining,
        long memoryBps,
        long memoryDirtyRate,
        long memoryPageSize,
        long memoryIteration,
        long memoryPostcopyRequests,
        long diskTotal,
        long diskProcessed,
        long diskRemaining,
        int autoConvergeThrottle,
        String errorMessage) {

    public JobInfo {
        if (type == null) {
            throw new IllegalArgumentException("job type is required");
        }
        errorMessage = errorMessage == null ? "" : errorMessage;
    }

    /** A job of the given type with no statistics (what Nova derives when libvirt has none). */
    public static JobInfo of(JobType type) {
        return builder(type).build();
    }

    public static Builder builder(JobType type) {
        return new Builder(type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.timeElapsedMs = timeElapsedMs; b.timeRemainingMs = timeRemainingMs; b.downtimeMs = downtimeMs;
        b.setupTimeMs = setupTimeMs; b.dataTotal = dataTotal; b.dataProcessed = dataProcessed;
        b.dataRemaining = dataRemaining; b.memoryTotal = memoryTotal; b.memoryProcessed = memoryProcessed;
        b.memoryRemaining = memoryRemaining; b.memoryBps = memoryBps; b.memoryDirtyRate = memoryDirtyRate;
        b.memoryPageSize = memoryPageSize; b.memoryIteration = memoryIteration;
        b.memoryPostcopyRequests = memoryPostcopyRequests; b.diskTotal = diskTotal; b.diskProcessed = diskProcessed;
        b.diskRemaining = diskRemaining; b.autoConvergeThrottle = autoConvergeThrottle; b.errorMessage = errorMessage;
        return b;
    }

    /** The guest's dirtying rate in bytes/s (pages/s times the page size; 4 KiB when libvirt does not say). */
    public long dirtyBytesPerSec() {
        return memoryDirtyRate * (memoryPageSize > 0 ? memoryPageSize : 4096);
    }

    /**
     * Nova's progress: {@code 100 - round(memory_remaining * 100 / memory_total)} (0 when the total is unknown).
     */
    public int progressPercent() {
        if (memoryTotal <= 0) {
            return 0;
        }
        return (int) (100 - Math.round(memoryRemaining * 100.0 / memoryTotal));
    }

    /**
     * Estimated seconds left: QEMU's own estimate when given, else remaining bytes over the net rate at which
     * the remainder shrinks (bandwidth minus dirty rate); -1 when it does not shrink or the rates are unknown.
     */
    public double etaSeconds() {
        if (timeRemainingMs > 0) {
            return timeRemainingMs / 1000.0;
        }
        long net = memoryBps - dirtyBytesPerSec();
        if (memoryBps <= 0 || net <= 0) {
            return -1;
        }
        return (double) memoryRemaining / net;
    }

    /** Builder for readable test fixtures and for the libvirt layer's typed-parameter mapping. */
    public static final class Builder {
        private final JobType type;
        private long timeElapsedMs, timeRemainingMs, downtimeMs, setupTimeMs, dataTotal, dataProcessed, dataRemaining;
        private long memoryTotal, memoryProcessed, memoryRemaining, memoryBps, memoryDirtyRate, memoryPageSize;
        private long memoryIteration, memoryPostcopyRequests, diskTotal, diskProcessed, diskRemaining;
        private int autoConvergeThrottle;
        private String errorMessage = "";

        private Builder(JobType type) {
            this.type = type;
        }

        public Builder timeElapsedMs(long v) { timeElapsedMs = v; return this; }
        public Builder timeRemainingMs(long v) { timeRemainingMs = v; return this; }
        public Builder downtimeMs(long v) { downtimeMs = v; return this; }
        public Builder setupTimeMs(long v) { setupTimeMs = v; return this; }
        public Builder data(long total, long processed, long remaining) {
            dataTotal = total; dataProcessed = processed; dataRemaining = remaining; return this;
        }
        public Builder memory(long total, long processed, long remaining) {
            memoryTotal = total; memoryProcessed = processed; memoryRemaining = remaining; return this;
        }
        public Builder memoryBps(long v) { memoryBps = v; return this; }
        public Builder memoryDirtyRate(long pagesPerSec) { memoryDirtyRate = pagesPerSec; return this; }
        public Builder memoryPageSize(long v) { memoryPageSize = v; return this; }
        public Builder memoryIteration(long v) { memoryIteration = v; return this; }
        public Builder memoryPostcopyRequests(long v) { memoryPostcopyRequests = v; return this; }
        public Builder disk(long total, long processed, long remaining) {
            diskTotal = total; diskProcessed = processed; diskRemaining = remaining; return this;
        }
        public Builder autoConvergeThrottle(int v) { autoConvergeThrottle = v; return this; }
        public Builder errorMessage(String v) { errorMessage = v; return this; }

        public JobInfo build() {
            return new JobInfo(type, timeElapsedMs, timeRemainingMs, downtimeMs, setupTimeMs, dataTotal, dataProcessed,
                    dataRemaining, memoryTotal, memoryProcessed, memoryRemaining, memoryBps, memoryDirtyRate,
                    memoryPageSize, memoryIteration, memoryPostcopyRequests, diskTotal, diskProcessed, diskRemaining,
                    autoConvergeThrottle, errorMessage);
        }
    }
}
