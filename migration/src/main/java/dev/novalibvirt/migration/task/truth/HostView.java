package dev.novalibvirt.migration.task.truth;

import java.util.Objects;

/**
 * What one host's libvirtd says about a guest, asked just now.
 *
 * @param host        the compute host
 * @param reachable   false when libvirtd could not be asked; the other fields are then meaningless
 * @param presence    the domain's presence
 * @param persistent  the domain has a persistent definition (survives its QEMU's exit)
 * @param jobActive   libvirt runs a job on the domain (a migration still under way)
 * @param detail      why it is unreachable, or empty
 */
public record HostView(String host, boolean reachable, DomainPresence presence, boolean persistent,
                       boolean jobActive, String detail) {
    public HostView {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(presence, "presence");
        detail = detail == null ? "" : detail;
    }

    public static HostView of(String host, DomainPresence presence, boolean persistent, boolean jobActive) {
        return new HostView(host, true, presence, persistent, jobActive, "");
    }

    public static HostView unreachable(String host, String why) {
        return new HostView(host, false, DomainPresence.ABSENT, false, false, why);
    }
}
