package dev.novalibvirt.migration.monitor;

/** What the monitor needs to know of the source domain's state ({@code virDomainGetState}, simplified). */
public enum GuestState {
    RUNNING, PAUSED, SHUTOFF, OTHER,
    /** The domain no longer exists on the source ({@code VIR_ERR_NO_DOMAIN}). */
    GONE;

    /** Nova's {@code guest.is_active()}: a QEMU process exists. */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == OTHER;
    }
}
