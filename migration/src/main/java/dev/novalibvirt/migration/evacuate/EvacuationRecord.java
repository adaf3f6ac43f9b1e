package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.Instance;
import java.util.Objects;

/**
 * One guest's evacuation attempt as its journal last recorded it.
 *
 * @param id          the attempt's id (the journal's migration id)
 * @param instance    the guest, as the attempt began with it
 * @param source      the dead host
 * @param destination where it was to be rebuilt
 * @param status      Nova's migration status of an evacuation: {@code accepted} (begun), {@code pre-migrating}
 *                    (the destination's spawn runs), {@code done} (rebuilt), {@code failed}, and {@code completed}
 *                    once the stale copy on the source was removed ({@code _destroy_evacuated_instances})
 */
public record EvacuationRecord(String id, Instance instance, String source, String destination, String status) {
    public static final String ACCEPTED = "accepted";
    public static final String PRE_MIGRATING = "pre-migrating";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String COMPLETED = "completed";

    public EvacuationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(status, "status");
    }

    /** Begun and not ended: the process stopped mid-rebuild. */
    public boolean unfinished() {
        return ACCEPTED.equals(status) || PRE_MIGRATING.equals(status);
    }
}
