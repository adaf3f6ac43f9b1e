package dev.novalibvirt.migration.monitor;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the monitor's log says about how a job started, so that a late start can be told apart from a slow call: each
 * look that found no job yet (DEBUG, with when and how long the statistics read took), when the job was first seen
 * running, any statistics read that waited over a second inside libvirt (INFO: e.g. behind another job of the
 * domain), and how long the first {@code virDomainMigrateSetMaxDowntime}, the call that meets the migration's start
 * inside libvirt, took. Used on the monitor's thread only, except {@link #seenRunningAfter()}.
 */
final class JobStartWatch {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationMonitor.class);
    /** A statistics read slower than this waited for something in libvirt. */
    static final long SLOW_READ_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private int looksWithoutJob;
    private volatile long seenRunningAtNanos = -1;
    private boolean downtimeTimed;

    JobStartWatch(String name, LongSupplier nanoTime, long startNanos) {
        this.name = name;
        this.nanoTime = nanoTime;
        this.startNanos = startNanos;
    }

    /** A statistics read starts. */
    long readStarts() {
        return nanoTime.getAsLong();
    }

    /** The read begun at {@code readStart} has returned; its duration. */
    long readEnded(long readStart) {
        long now = nanoTime.getAsLong();
        long took = now - readStart;
        if (took > SLOW_READ_NANOS) {
            LOG.info("{}: reading the job statistics took {} ms, until {} ms (libvirt made the call wait, e.g. behind "
                    + "another job of the domain)", name, ms(took), ms(now - startNanos));
        }
        return took;
    }

    /** A look found no job while the migrate call has not returned. */
    void noJobYet(long readNanos) {
        looksWithoutJob++;
        LOG.debug("{}: migration not running yet (look {} at {} ms, job statistics read in {} ms)", name,
                looksWithoutJob, ms(nanoTime.getAsLong() - startNanos), ms(readNanos));
    }

    /** The first look that saw the job running: what the "migration running" line says about it. */
    String firstSeenRunning() {
        long at = nanoTime.getAsLong() - startNanos;
        seenRunningAtNanos = at;
        return "seen at " + ms(at) + " ms, after " + looksWithoutJob + " look(s) without a job";
    }

    /** How long after the monitor's start the job was first seen running; empty until then. */
    Optional<Duration> seenRunningAfter() {
        long at = seenRunningAtNanos;
        return at < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(at));
    }

    /** Runs a max-downtime call; the first one's duration is logged (DEBUG). */
    void maxDowntimeCall(Runnable call) {
        if (downtimeTimed) {
            call.run();
            return;
        }
        downtimeTimed = true;
        long t0 = nanoTime.getAsLong();
        try {
            call.run();
        } finally {
            LOG.debug("{}: the first virDomainMigrateSetMaxDowntime took {} ms", name, ms(nanoTime.getAsLong() - t0));
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
