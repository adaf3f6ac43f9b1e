package dev.novalibvirt.libvirt.jna;

/**
 * A domain's state and the reason for it, from {@code virDomainGetState} (libvirt-java only has the state).
 *
 * @param state  {@code virDomainState}
 * @param reason the state's reason code ({@code virDomainRunningReason}, {@code virDomainPausedReason}, ...)
 */
public record DomainState(State state, int reason) {

    /** {@code virDomainState}. */
    public enum State {
        NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, PMSUSPENDED;

        static State of(int code) {
            return code >= 0 && code < values().length ? values()[code] : NOSTATE;
        }
    }

    /** {@code VIR_DOMAIN_RUNNING_MIGRATED}: running after an incoming migration. */
    public static final int RUNNING_MIGRATED = 2;
    /** {@code VIR_DOMAIN_RUNNING_POSTCOPY}: running in post-copy mode (on the destination). */
    public static final int RUNNING_POSTCOPY = 10;
    /** {@code VIR_DOMAIN_PAUSED_USER}. */
    public static final int PAUSED_USER = 1;
    /** {@code VIR_DOMAIN_PAUSED_MIGRATION}: paused for the final phase of a migration. */
    public static final int PAUSED_MIGRATION = 2;
    /** {@code VIR_DOMAIN_PAUSED_POSTCOPY}: the source side of a post-copy migration. */
    public static final int PAUSED_POSTCOPY = 12;
    /** {@code VIR_DOMAIN_PAUSED_POSTCOPY_FAILED}. */
    public static final int PAUSED_POSTCOPY_FAILED = 13;
    /** {@code VIR_DOMAIN_SHUTOFF_MIGRATED} (4; 5 is SAVED). */
    public static final int SHUTOFF_MIGRATED = 4;
}
