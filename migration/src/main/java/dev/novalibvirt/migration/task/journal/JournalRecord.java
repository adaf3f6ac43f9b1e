package dev.novalibvirt.migration.task.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fact about one migration, as appended to a {@link MigrationJournal}. Fields are plain names and values the
 * task chose from an allow-list (instance identity, hosts, storage topology, step names, error messages); never
 * migrate data wholesale, block device info or anything else that may carry a secret.
 *
 * @param migrationId the migration's id (a uuid the task draws)
 * @param at          when it was recorded
 * @param event       what happened
 * @param fields      the inputs or outputs that go with it, in insertion order
 */
public record JournalRecord(String migrationId, Instant at, JournalEvent event, Map<String, String> fields) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

    public JournalRecord {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Map<String, String> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!KEY.matcher(k).matches()) {
                throw new IllegalArgumentException("journal field name '" + k + "' is not [a-z][a-z0-9_.]*");
            }
            if (v != null) {
                copy.put(k, v);
            }
        });
        fields = Collections.unmodifiableMap(copy);
    }

    /** A field's value, or null. */
    public String field(String name) {
        return fields.get(name);
    }
}
