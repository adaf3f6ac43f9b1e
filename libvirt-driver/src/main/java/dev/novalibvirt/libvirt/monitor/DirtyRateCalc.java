package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.libvirt.jna.LibvirtCallException;
import dev.novalibvirt.libvirt.jna.MigrationControl;
import dev.novalibvirt.migration.monitor.DirtyRateSample;
import java.util.Objects;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dirty-rate calculation of one migration: started once, right before the migrate call
 * ({@code virDomainStartDirtyRateCalc} takes a modify job, which would wait behind a running migration), then read
 * from the domain's {@code VIR_DOMAIN_STATS_DIRTYRATE} statistics (a query, allowed during the migration) as
 * {@link DirtyRateSample}s. Only what this calculation measured is reported: before {@link #start()} it is
 * UNSTARTED, after a failed start UNAVAILABLE, so a figure left over from an earlier calculation never counts.
 * Thread-safe: started on the migrate thread, read on the monitor's.
 */
public final class DirtyRateCalc {
    private static final Logger LOG = LoggerFactory.getLogger(DirtyRateCalc.class);
    /** libvirt's shortest period: the prediction comes one second after the start. */
    public static final int DEFAULT_SECONDS = MigrationControl.DIRTY_RATE_MIN_SECONDS;

    private final Domain domain;
    private final int seconds;
    private volatile boolean started;
    private volatile String failure;

    /** A calculation of {@code seconds} (1..60) on {@code domain}, not started yet. */
    public DirtyRateCalc(Domain domain, int seconds) {
        this.domain = Objects.requireNonNull(domain, "domain");
        if (seconds < MigrationControl.DIRTY_RATE_MIN_SECONDS || seconds > MigrationControl.DIRTY_RATE_MAX_SECONDS) {
            throw new InvalidInput("dirty-rate calculation seconds must be within "
                    + MigrationControl.DIRTY_RATE_MIN_SECONDS + ".." + MigrationControl.DIRTY_RATE_MAX_SECONDS
                    + ", got " + seconds);
        }
        this.seconds = seconds;
    }

    /** Started at once; never throws (a failure makes every later sample UNAVAILABLE, with libvirt's message). */
    public static DirtyRateCalc startNow(Domain domain) {
        DirtyRateCalc c = new DirtyRateCalc(domain, DEFAULT_SECONDS);
        c.start();
        return c;
    }

    /** Starts the calculation (once); false, logged, when libvirt refused. */
    public synchronized boolean start() {
        if (started || failure != null) {
            return started;
        }
        try {
            MigrationControl.startDirtyRateCalc(domain, seconds);
            started = true;
            LOG.debug("dirty-rate calculation started for {} s", seconds);
        } catch (LibvirtCallException | IllegalStateException e) {
            failure = e.getMessage();
            LOG.info("no dirty-rate calculation before the migration: {}", e.getMessage());
        }
        return started;
    }

    /** What the calculation says now; never blocks behind the migration job, never throws. */
    public DirtyRateSample sample() {
        return sample(domain);
    }

    /** The same, read on {@code current}: the domain's handle on a new connection after a reconnect. */
    DirtyRateSample sample(Domain current) {
        String f = failure;
        if (f != null) {
            return DirtyRateSample.unavailable(f);
        }
        if (!started) {
            return new DirtyRateSample(DirtyRateSample.Status.UNSTARTED, 0, 0, "", "");
        }
        try {
            return map(MigrationControl.domainStats(current, MigrationControl.STATS_DIRTYRATE));
        } catch (LibvirtCallException | IllegalStateException e) {
            return DirtyRateSample.unavailable("virDomainListGetStats: " + e.getMessage());
        }
    }

    /**
     * The {@code dirtyrate.*} statistics as a sample: {@code calc_status} (libvirt's {@code virDomainDirtyRateStatus},
     * 0 unstarted, 1 measuring, 2 measured), {@code megabytes_per_second}, {@code calc_period}, {@code calc_mode}.
     * No status at all (NOWAIT left the group out, or the domain has none yet) reads as MEASURING: ask again.
     */
    static DirtyRateSample map(TypedParameter[] stats) {
        long status = -1;
        long mib = 0;
        long period = 0;
        String mode = "";
        for (TypedParameter p : stats == null ? new TypedParameter[0] : stats) {
            if (p == null || p.field == null) {
                continue;
            }
            switch (p.field) {
                case "dirtyrate.calc_status" -> status = JobStatsMapper.number(p);
                case "dirtyrate.megabytes_per_second" -> mib = JobStatsMapper.number(p);
                case "dirtyrate.calc_period" -> period = JobStatsMapper.number(p);
                case "dirtyrate.calc_mode" -> mode = p instanceof TypedStringParameter s ? s.value : p.getValueAsString();
                default -> { }
            }
        }
        int periodSeconds = (int) Math.max(0, Math.min(period, Integer.MAX_VALUE));
        if (status == 2) {
            return DirtyRateSample.measured(Math.max(mib, 0), periodSeconds, mode);
        }
        DirtyRateSample.Status s = status == 0 ? DirtyRateSample.Status.UNSTARTED : DirtyRateSample.Status.MEASURING;
        return new DirtyRateSample(s, 0, periodSeconds, mode, "");
    }
}
