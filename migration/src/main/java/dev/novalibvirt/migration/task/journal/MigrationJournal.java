package dev.novalibvirt.migration.task.journal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a migration task writes down each step before and after it runs, so that another process can finish what a
 * crashed one started ({@code MigrationRecovery}). Implementations must make {@link #append} durable before it
 * returns (the default, {@link FileMigrationJournal}, fsyncs) and must be safe for concurrent appends.
 */
public interface MigrationJournal {

    /** Records one fact durably; throws {@link JournalException} when it cannot. */
    void append(JournalRecord record);

    /** Every record that survived, in append order; a torn last record (a crash mid-write) is skipped. */
    List<JournalRecord> records();

    /** The records of migrations without a final {@link JournalEvent#END}, grouped by migration id in order. */
    default Map<String, List<JournalRecord>> unfinished() {
        Map<String, List<JournalRecord>> byId = records().stream().collect(Collectors.groupingBy(
                JournalRecord::migrationId, java.util.LinkedHashMap::new, Collectors.toList()));
        byId.values().removeIf(rs -> rs.stream().anyMatch(MigrationJournal::isFinalEnd));
        return byId;
    }

    /** An END whose outcome needs nothing more (COMPLETED or ROLLED_BACK). */
    static boolean isFinalEnd(JournalRecord r) {
        return r.event() == JournalEvent.END && !"NEEDS_RECOVERY".equals(r.field("outcome"));
    }

    /** A journal that forgets everything: no recovery possible (the default for embedders who do not want one). */
    static MigrationJournal none() {
        return new MigrationJournal() {
            @Override
            public void append(JournalRecord record) {
            }

            @Override
            public List<JournalRecord> records() {
                return List.of();
            }
        };
    }
}
