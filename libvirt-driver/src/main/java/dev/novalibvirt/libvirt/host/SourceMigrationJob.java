package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.libvirt.jna.DomainState;
import dev.novalibvirt.libvirt.jna.LibvirtCallException;
import dev.novalibvirt.libvirt.jna.MigrationControl;
import org.libvirt.Domain;

/**
 * The source domain of a migration job that another process started, for the steps of Nova's
 * {@code live_migration_force_complete} that such a process can take itself (the operator CLI's
 * {@code migrate --force-complete}): where the domain is ({@code virDomainGetState} with its reason, which
 * libvirt-java lacks) and the post-copy switch ({@code virDomainMigrateStartPostCopy}). The migrating process's own
 * monitor takes the same steps (its force-complete task) with the job's flags at hand.
 */
public final class SourceMigrationJob {
    /** Where a source domain is, as far as a force-complete cares. */
    public enum Phase {
        /** Runs (its vCPUs dirty memory): a force-complete has something to do. */
        RUNNING,
        /**
         * Paused by a user or a previous force-complete ({@code VIR_DOMAIN_PAUSED_USER} and the like): the guest the
         * driver migrates without {@code VIR_MIGRATE_POSTCOPY}, and the monitor watches the same way
         * ({@code MonitorJobWaiter}); the one place that tells this pause from the migration's own.
         */
        PAUSED,
        /** Paused for the migration's last phase ({@code VIR_DOMAIN_PAUSED_MIGRATION}): it is ending anyway. */
        PAUSED_FOR_MIGRATION,
        /** The source side of a post-copy migration ({@code VIR_DOMAIN_PAUSED_POSTCOPY}): already switched. */
        POST_COPY,
        /** Shut off, crashed or another state: no live migration runs from it. */
        OTHER
    }

    private SourceMigrationJob() {
    }

    /**
     * The domain's phase.
     *
     * @throws InstanceNotFound when it vanished (a completed migration's source)
     * @throws MigrationError   with libvirt's message when it cannot be read
     */
    @SuppressWarnings("exports") // libvirt-java on purpose: for callers that hold the domain themselves
    public static Phase phase(Domain domain) {
        DomainState s;
        try {
            s = MigrationControl.state(domain);
        } catch (LibvirtCallException e) {
            throw e.isNoDomain() ? new InstanceNotFound(nameOf(domain), e)
                    : new MigrationError("virDomainGetState of " + nameOf(domain) + ": " + e.getMessage(), e);
        }
        return phaseOf(s);
    }

    /** The phase of a domain in state {@code s}: which pause is the migration's own and which is not. */
    static Phase phaseOf(DomainState s) {
        return switch (s.state()) {
            case RUNNING, BLOCKED -> Phase.RUNNING;
            case PAUSED -> s.reason() == DomainState.PAUSED_POSTCOPY ? Phase.POST_COPY
                    : s.reason() == DomainState.PAUSED_MIGRATION ? Phase.PAUSED_FOR_MIGRATION : Phase.PAUSED;
            default -> Phase.OTHER;
        };
    }

    /**
     * Switches the running migration to post-copy, as Nova's {@code Guest.migrate_start_postcopy} does. libvirt
     * refuses it (with its message) when the job was not started with {@code VIR_MIGRATE_POSTCOPY}.
     *
     * @throws MigrationError with libvirt's message and code
     */
    @SuppressWarnings("exports") // libvirt-java on purpose: for callers that hold the domain themselves
    public static void startPostCopy(Domain domain) {
        try {
            MigrationControl.startPostCopy(domain);
        } catch (LibvirtCallException e) {
            throw new MigrationError(e.getMessage(), e);
        }
    }

    private static String nameOf(Domain domain) {
        try {
            return domain.getName();
        } catch (org.libvirt.LibvirtException e) {
            return "the domain";
        }
    }
}
