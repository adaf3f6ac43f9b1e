package dev.novalibvirt.core.driver;

/** Nova's {@code compute.power_state} values as mapped from libvirt's domain states ({@code LIBVIRT_POWER_STATE}). */
public enum PowerState {
    NOSTATE, RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED
}
