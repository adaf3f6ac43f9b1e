package dev.novalibvirt.migration.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's abort (Nova's {@code live_migration_abort}, {@code virDomainAbortJob}) while libvirt's job may not
 * exist yet. The abort goes to libvirt at once: libvirt takes it early in the job (Perform then bails out), whereas
 * holding it would let a blocked Perform take the domain's lock first, past libvirt's 30 s wait. It is held only when
 * libvirt answers "no job is active" before any look saw the job running (the migrate call has not created it yet);
 * the first look that sees it running sends it. A held abort that libvirt then refuses stays held and is sent again at
 * the next look: the caller was told it is taken. {@link #request()} runs on any thread, {@link #jobRunning()} on the
 * monitor's.
 */
final class AbortHold {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationMonitor.class);

    private final MigrationGuest guest;
    /** Guards {@link #jobSeen} and {@link #held} (not the monitor's lock: a poll may sit in a libvirt call). */
    private final Object lock = new Object();
    private boolean jobSeen;
    private boolean held;

    AbortHold(MigrationGuest guest) {
        this.guest = guest;
    }

    /**
     * Sends the abort now; true when libvirt took it, false when it is held for the first running look.
     *
     * @throws MigrationGuestException when libvirt refuses it for another reason, or once the job was seen running
     */
    boolean request() {
        boolean seen;
        synchronized (lock) {
            seen = jobSeen;
        }
        LOG.info("{}: aborting the migration job on request", guest.name());
        try {
            guest.abortJob();
            return true;
        } catch (MigrationGuestException e) {
            if (seen || !noJobYet(e)) {
                throw e;
            }
            synchronized (lock) {
                held = true;
            }
            LOG.info("{}: abort requested before libvirt's job exists; it is aborted as soon as it runs",
                    guest.name());
            return false;
        }
    }

    /** A look saw the job running: a held abort is sent; true when libvirt took it (the job is then aborted). */
    boolean jobRunning() {
        boolean send;
        synchronized (lock) {
            jobSeen = true;
            send = held;
            held = false;
        }
        if (!send) {
            return false;
        }
        LOG.info("{}: aborting the migration job requested before it ran", guest.name());
        try {
            guest.abortJob();
            return true;
        } catch (MigrationGuestException e) {
            synchronized (lock) {
                held = true;
            }
            LOG.warn("{}: libvirt refused the abort requested before the job ran, retried at the next look: {}",
                    guest.name(), e.getMessage());
            return false;
        }
    }

    /** An abort is held, waiting for the job to run. */
    boolean isHeld() {
        synchronized (lock) {
            return held;
        }
    }

    /**
     * libvirt's refusal of an abort because the domain has no job (yet): {@code VIR_ERR_OPERATION_INVALID}, as
     * Nova matches libvirt errors by code. Only an exception without libvirt's code (a guest that is not libvirt's,
     * e.g. a test's) is matched by libvirt's message text, which is English and may change between releases.
     */
    static boolean noJobYet(MigrationGuestException e) {
        if (e.libvirtCode().isPresent()) {
            return e.libvirtCode().get().equals("VIR_ERR_OPERATION_INVALID");
        }
        return e.getMessage() != null && e.getMessage().contains("no job is active");
    }
}
