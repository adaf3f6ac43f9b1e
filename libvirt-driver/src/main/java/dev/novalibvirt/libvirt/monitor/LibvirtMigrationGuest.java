package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.libvirt.host.ConnectionErrors;
import dev.novalibvirt.libvirt.jna.DomainState;
import dev.novalibvirt.libvirt.jna.LibvirtCallException;
import dev.novalibvirt.libvirt.jna.MigrationControl;
import dev.novalibvirt.migration.monitor.DirtyRateSample;
import dev.novalibvirt.migration.monitor.GuestState;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import dev.novalibvirt.migration.monitor.MigrationGuest;
import dev.novalibvirt.migration.monitor.MigrationGuestException;
import dev.novalibvirt.migration.monitor.SourceUnreachable;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.libvirt.Domain;
import org.libvirt.DomainJobStats;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * The source domain of a migration over libvirt: Nova's {@code guest.Guest} as the monitor uses it. Thread-safe.
 *
 * <p>{@link #jobInfo()} follows Nova's {@code get_job_info}: no domain or "operation invalid" mean the transient
 * guest left with the migration (COMPLETED); the QEMU race "migration was active, but no RAM info was set" means
 * NONE. When the job-completed event has delivered the final statistics, those are returned (the source domain
 * is usually gone by the time anyone asks).
 */
public final class LibvirtMigrationGuest implements MigrationGuest {
    // replaced after a reconnect: a handle of the broken connection is useless on the new one
    private volatile Domain domain;
    private final String name;
    private volatile JobInfo finalStats;
    private final CountDownLatch statsArrived = new CountDownLatch(1);
    private volatile Duration eventGrace = Duration.ZERO;
    private volatile boolean gone;
    private final DirtyRateCalc calc;

    public LibvirtMigrationGuest(Domain domain) {
        this(domain, null);
    }

    /** A guest whose dirty rate is read from {@code calc} (null: not measured). */
    public LibvirtMigrationGuest(Domain domain, DirtyRateCalc calc) {
        this.calc = calc;
        this.domain = domain;
        String n;
        try {
            n = domain.getName();
        } catch (LibvirtException e) {
            throw new MigrationGuestException("cannot read the domain's name: " + e.getMessage(), e);
        }
        this.name = n;
    }

    /** The job-completed event's statistics; from now on {@link #jobInfo()} reports COMPLETED with them. */
    void jobCompleted(JobInfo stats) {
        this.finalStats = stats;
        statsArrived.countDown();
    }

    /** Events are subscribed: a vanished domain waits up to {@code grace} for the job-completed event's stats. */
    void expectCompletionEvent(Duration grace) {
        this.eventGrace = grace;
    }

    private JobInfo awaitFinalStats() {
        if (finalStats == null && !eventGrace.isZero()) {
            try {
                statsArrived.await(eventGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return finalStats;
    }

    /** The libvirt-java domain. */
    public Domain domain() {
        return domain;
    }

    /** The same domain on a new connection to the source (after libvirtd came back). */
    void rebind(Domain onNewConnection) {
        this.domain = onNewConnection;
    }

    /** The source came back without this domain: from now on it reads as vanished (GONE, job COMPLETED). */
    void markGone() {
        this.gone = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public JobInfo jobInfo() {
        JobInfo done = finalStats;
        if (done != null) {
            return done;
        }
        if (gone) {
            return JobInfo.of(JobType.COMPLETED); // as Nova reads a vanished domain; the verdict asks the destination
        }
        try {
            DomainJobStats s = domain.getJobStats(0);
            return JobStatsMapper.map(JobType.fromCode(s.type), s.stats);
        } catch (LibvirtException e) {
            Error.ErrorNumber code = e.getError().getCode();
            if (code == Error.ErrorNumber.VIR_ERR_NO_DOMAIN || code == Error.ErrorNumber.VIR_ERR_OPERATION_INVALID) {
                // the job is over; its statistics come with the job-completed event, which may still be in flight
                done = awaitFinalStats();
                if (done != null) {
                    return done;
                }
                return code == Error.ErrorNumber.VIR_ERR_OPERATION_INVALID ? endedWithoutEvent(stateOrNull())
                        : JobInfo.of(JobType.COMPLETED);
            }
            String msg = e.getError().getMessage();
            if (ConnectionErrors.lost(e)) {
                throw new SourceUnreachable(name + ": virDomainGetJobStats: " + msg, e);
            }
            if (code == Error.ErrorNumber.VIR_ERR_INTERNAL_ERROR && msg != null
                    && msg.contains("migration was active, but no RAM info was set")) {
                return JobInfo.of(JobType.NONE);
            }
            throw new MigrationGuestException(name + ": virDomainGetJobStats: " + msg, e);
        }
    }

    /**
     * A job that ended with no job-completed event, on a domain still defined here but no longer running. Nova's
     * {@code Guest.get_job_info} reads every such domain as COMPLETED ("persistent guest finished migration"); but
     * a guest whose QEMU died or was destroyed during the job is also defined and not running, and reading that as
     * COMPLETED would run the post steps and undefine the only definition the guest has. libvirt says which it
     * was: shut off with reason MIGRATED after a migration, any other reason otherwise. Null: the domain is gone.
     */
    static JobInfo endedWithoutEvent(DomainState s) {
        if (s == null || s.state() == DomainState.State.SHUTOFF && s.reason() == DomainState.SHUTOFF_MIGRATED) {
            return JobInfo.of(JobType.COMPLETED);
        }
        if (s.state() == DomainState.State.SHUTOFF || s.state() == DomainState.State.CRASHED) {
            return JobInfo.builder(JobType.FAILED).errorMessage("the guest stopped on the source ("
                    + s.state().name().toLowerCase(Locale.ROOT) + ", reason " + s.reason()
                    + ") before libvirt reported the migration complete").build();
        }
        return JobInfo.of(JobType.COMPLETED);
    }

    /** The domain's state, or null when it is gone or the state cannot be read (then Nova's reading stands). */
    private DomainState stateOrNull() {
        try {
            return MigrationControl.state(domain);
        } catch (LibvirtCallException e) {
            if (e.isConnectionLost()) {
                throw new SourceUnreachable(name + ": " + e.getMessage(), e);
            }
            return null;
        }
    }

    @Override
    public GuestState state() {
        if (gone) {
            return GuestState.GONE;
        }
        try {
            DomainState s = MigrationControl.state(domain);
            return switch (s.state()) {
                case RUNNING, BLOCKED -> GuestState.RUNNING;
                case PAUSED -> GuestState.PAUSED;
                case SHUTOFF, SHUTDOWN, CRASHED -> GuestState.SHUTOFF;
                default -> GuestState.OTHER;
            };
        } catch (LibvirtCallException e) {
            if (e.isNoDomain()) {
                return GuestState.GONE;
            }
            if (e.isConnectionLost()) {
                throw new SourceUnreachable(name + ": " + e.getMessage(), e);
            }
            throw new MigrationGuestException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setMaxDowntime(long ms) {
        try {
            domain.migrateSetMaxDowntime(ms);
        } catch (LibvirtException e) {
            throw fail("virDomainMigrateSetMaxDowntime", e);
        }
    }

    @Override
    public void startPostCopy() {
        try {
            MigrationControl.startPostCopy(domain);
        } catch (LibvirtCallException e) {
            throw new MigrationGuestException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pause() {
        try {
            domain.suspend();
        } catch (LibvirtException e) {
            throw fail("virDomainSuspend", e);
        }
    }

    @Override
    public void resume() {
        try {
            domain.resume();
        } catch (LibvirtException e) {
            throw fail("virDomainResume", e);
        }
    }

    @Override
    public void abortJob() {
        try {
            domain.abortJob();
        } catch (LibvirtException e) {
            throw fail("virDomainAbortJob", e);
        }
    }

    @Override
    public DirtyRateSample dirtyRate() {
        if (calc == null) {
            return DirtyRateSample.unavailable("no dirty-rate calculation was started for this migration");
        }
        return gone ? DirtyRateSample.unavailable("the domain is gone") : calc.sample(domain);
    }

    private MigrationGuestException fail(String function, LibvirtException e) {
        Error.ErrorNumber code = e.getError().getCode();
        return new MigrationGuestException(name + ": " + function + ": " + e.getError().getMessage(),
                code == null ? null : code.name(), e);
    }
}
