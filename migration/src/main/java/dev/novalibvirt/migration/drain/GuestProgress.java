package dev.novalibvirt.migration.drain;

import dev.novalibvirt.migration.task.MigrationProgress;
import java.util.Objects;

/**
 * A snapshot of one guest of a running drain.
 *
 * @param uuid        the instance's uuid
 * @param state       where it is
 * @param destination the host chosen for it, null until then
 * @param migration   its task's progress while it runs, else null
 */
public record GuestProgress(String uuid, GuestState state, String destination, MigrationProgress migration) {
    public GuestProgress {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(state, "state");
    }
}
