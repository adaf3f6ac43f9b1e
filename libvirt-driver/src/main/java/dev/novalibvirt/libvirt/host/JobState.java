package dev.novalibvirt.libvirt.host;

/** libvirt's {@code virDomainJobType}, the truth about a migration job ({@code VIR_DOMAIN_JOB_*}). */
public enum JobState {
    NONE, BOUNDED, UNBOUNDED, COMPLETED, FAILED, CANCELLED;

    static JobState of(int type) {
        return type >= 0 && type < values().length ? values()[type] : NONE;
    }
}
