package dev.novalibvirt.migration.monitor;

/** libvirt's {@code virDomainJobType} ({@code VIR_DOMAIN_JOB_*}), the value of the {@code type} job statistic. */
public enum JobType {
    NONE(0), BOUNDED(1), UNBOUNDED(2), COMPLETED(3), FAILED(4), CANCELLED(5);

    private final int code;

    JobType(int code) {
        this.code = code;
    }

    /** libvirt's numeric value. */
    public int code() {
        return code;
    }

    /** Maps libvirt's numeric value; unknown values (a newer libvirt) count as {@link #NONE}. */
    public static JobType fromCode(int code) {
        for (JobType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return NONE;
    }

    /** BOUNDED and UNBOUNDED: a job is running. */
    public boolean isRunning() {
        return this == BOUNDED || this == UNBOUNDED;
    }
}
