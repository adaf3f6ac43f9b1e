package dev.novalibvirt.migration.monitor;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's record of a source libvirtd that went away mid-job: since when, and until when it may stay away.
 * Where Nova's monitor re-raises the first libvirt error (and the job's fate is then unknown to the caller), ours
 * keeps polling through {@link LostSourceProbe} until the source answers or the deadline passes.
 */
final class SourceLoss {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLoss.class);

    private final MigrationGuest guest;
    private final LostSourceProbe.Policy policy;
    private final LongSupplier nanoTime;
    private long lostAtNanos;
    private boolean lost;
    private String cause;

    SourceLoss(MigrationGuest guest, LostSourceProbe.Policy policy, LongSupplier nanoTime) {
        this.guest = guest;
        this.policy = policy;
        this.nanoTime = nanoTime;
    }

    boolean isLost() {
        return lost;
    }

    LostSourceProbe probe() {
        return policy.probe();
    }

    /** A call found the source unreachable; false when this monitor does not reconnect (the caller re-throws). */
    boolean lost(SourceUnreachable e) {
        if (!policy.enabled()) {
            return false;
        }
        if (!lost) {
            lost = true;
            lostAtNanos = nanoTime.getAsLong();
            cause = e.getMessage();
            LOG.warn("{}: source libvirtd unreachable mid-migration ({}); reconnecting for up to {} s", guest.name(),
                    cause, policy.deadline().toSeconds());
        }
        return true;
    }

    /** The source answered again; the verdict says what it told. */
    void recovered(LostSourceVerdict verdict) {
        lost = false;
        LOG.info("{}: source libvirtd back after {} ms: {} ({})", guest.name(), awayFor().toMillis(), verdict.kind(),
                verdict.reason());
    }

    boolean expired() {
        return awayFor().compareTo(policy.deadline()) >= 0;
    }

    String giveUpReason() {
        return "the source libvirtd did not come back within " + policy.deadline().toSeconds() + " s (" + cause
                + ")";
    }

    private Duration awayFor() {
        return Duration.ofNanos(nanoTime.getAsLong() - lostAtNanos);
    }
}
