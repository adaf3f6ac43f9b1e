package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.migration.task.journal.JournalEvent;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's side of the journal: what goes into each record is chosen here, from an allow-list, so that no secret
 * (block device connection info, vTPM or cephx values, anything in migrate data beyond the topology) is written.
 * Once the migration has started a failed append is logged, not thrown: stopping half-way would be worse than a
 * journal gap.
 */
final class TaskJournal {
    private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);

    private final MigrationJournal journal;
    private final Clock clock;
    private final String migrationId;

    TaskJournal(MigrationJournal journal, Clock clock, String migrationId) {
        this.journal = journal;
        this.clock = clock;
        this.migrationId = migrationId;
    }

    String migrationId() {
        return migrationId;
    }

    /** The first record; throws when the journal cannot be written, before anything changed. */
    void begin(Instance i, String source, String destination, LiveMigrationOptions options, String sourceState) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("instance.uuid", i.uuid());
        f.put("instance.name", i.name());
        f.put("instance.memory_mib", Integer.toString(i.memoryMib()));
        f.put("instance.vcpus", Integer.toString(i.vcpus()));
        f.put("instance.root_gb", Integer.toString(i.rootGb()));
        f.put("instance.image_ref", i.imageRef());
        f.put("source", source);
        f.put("destination", destination);
        f.put("block_migration", options.blockMigration().name());
        f.put("source_state", sourceState);
        journal.append(new JournalRecord(migrationId, clock.instant(), JournalEvent.BEGIN, f));
    }

    void stepStarted(Step step, String host) {
        write(JournalEvent.STEP_STARTED, Map.of("step", step.name(), "host", host));
    }

    void stepFinished(Step step, String host, Object value) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("step", step.name());
        f.put("host", host);
        if (value instanceof LibvirtLiveMigrateData md) {
            f.putAll(topology(md));
        }
        write(JournalEvent.STEP_FINISHED, f);
    }

    void stepFailed(Step step, String host, String error) {
        write(JournalEvent.STEP_FAILED, Map.of("step", step.name(), "host", host, "error", error));
    }

    /** @param status completed, failed, cancelled or unknown */
    void jobEnded(String status) {
        write(JournalEvent.JOB_ENDED, Map.of("status", status));
    }

    void end(String outcome, String detail) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("outcome", outcome);
        f.put("detail", detail);
        write(JournalEvent.END, f);
    }

    /** The migrate data fields recovery needs to redo a post or rollback step: storage topology and paths only. */
    static Map<String, String> topology(LibvirtLiveMigrateData md) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "md.filename", md.filename());
        put(f, "md.image_type", md.imageType());
        put(f, "md.block_migration", md.blockMigration());
        put(f, "md.is_shared_instance_path", md.isSharedInstancePath());
        put(f, "md.is_shared_block_storage", md.isSharedBlockStorage());
        put(f, "md.is_volume_backed", md.isVolumeBacked());
        put(f, "md.instance_relative_path", md.instanceRelativePath());
        put(f, "md.dst_instances_path", md.dstInstancesPath());
        return f;
    }

    private static void put(Map<String, String> f, String key, Object value) {
        if (value != null) {
            f.put(key, value.toString());
        }
    }

    private void write(JournalEvent event, Map<String, String> fields) {
        try {
            journal.append(new JournalRecord(migrationId, clock.instant(), event, fields));
        } catch (RuntimeException e) {
            LOG.error("migration {}: journal record {} lost: {}", migrationId, event, e.getMessage());
        }
    }
}
