package dev.novalibvirt.cli.config;

import dev.novalibvirt.core.ceph.CephConfigException;
import dev.novalibvirt.core.exception.Invalid;

/**
 * The CLI's exit codes: 0 done, 1 the work failed (or a guest/disk in the report failed), 2 usage or configuration;
 * {@code migrate} adds 3 (rolled back: the guest runs on the source, nothing is left to do) and 4 (needs recovery:
 * a step could not reach its host, the journal holds what is left).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /**
     * {@code migrate}: LiveMigrationOutcome.RolledBack, the guest stays on the source (failed or cancelled); also when
     * it was left stopped or paused there, whose remedy is printed (no journaled step is left for recovery).
     */
    public static final int ROLLED_BACK = 3;
    /** {@code migrate}: LiveMigrationOutcome.NeedsRecovery, steps are pending (MigrationRecovery finishes them). */
    public static final int NEEDS_RECOVERY = 4;

    private ExitCodes() {
    }

    /**
     * The exit code of a command that threw {@code e}: bad input and bad configuration (Nova's {@code Invalid}
     * family, ceph.conf errors, our usage errors) are 2; everything the cluster or libvirtd refused is 1.
     */
    public static int of(Throwable e) {
        return e instanceof Invalid || e instanceof CephConfigException ? USAGE : FAILURE;
    }
}
