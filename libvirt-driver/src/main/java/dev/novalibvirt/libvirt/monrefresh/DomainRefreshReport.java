package dev.novalibvirt.libvirt.monrefresh;

import java.util.List;

/** What {@link MonitorRefresher} did to one domain. */
public record DomainRefreshReport(String name, String uuid, Status status, List<DiskMonitorChange> changes, String detail) {
    public enum Status {
        /** The persistent definition was redefined with the current monitors (the guest kept running). */
        REWRITTEN,
        /** Every RBD disk already names the current monitors. */
        UNCHANGED,
        /** The domain has no image-backend RBD disk. */
        NO_RBD_DISKS,
        /** A transient domain has no persistent definition to rewrite. */
        TRANSIENT,
        /** Reading or redefining failed; nothing was changed. */
        FAILED
    }

    public DomainRefreshReport {
        changes = List.copyOf(changes);
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return name + ": " + status + (changes.isEmpty() ? "" : " " + changes) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
