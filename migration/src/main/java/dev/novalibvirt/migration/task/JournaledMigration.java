package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.migration.task.journal.JournalEvent;
import dev.novalibvirt.migration.task.journal.JournalException;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.truth.JobKnowledge;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One migration as its journal records tell it: enough to redo its post or rollback steps.
 *
 * @param migrationId  its id
 * @param instance     the instance, from the BEGIN record
 * @param source       the source host
 * @param destination  the destination host
 * @param sourceState  the guest's power state when the task began (PAUSED: do not resume it)
 * @param migrateData  the topology fields the last step that reported them had (null when none did)
 * @param preStarted   pre_live_migration had started (the destination may hold a dir)
 * @param testFileLeft the destination check's test file may still exist
 * @param job          what was recorded about libvirt's job
 */
record JournaledMigration(String migrationId, Instance instance, String source, String destination,
                          String sourceState, LibvirtLiveMigrateData migrateData, boolean preStarted,
                          boolean testFileLeft, JobKnowledge job) {

    static JournaledMigration of(String migrationId, List<JournalRecord> records) {
        JournalRecord begin = records.stream().filter(r -> r.event() == JournalEvent.BEGIN).findFirst()
                .orElseThrow(() -> new JournalException("migration " + migrationId + " has no BEGIN record", null));
        Instance instance = new Instance(begin.field("instance.uuid"), begin.field("instance.name"),
                Integer.parseInt(begin.field("instance.memory_mib")), Integer.parseInt(begin.field("instance.vcpus")),
                Integer.parseInt(begin.field("instance.root_gb")), begin.field("instance.image_ref"));
        LibvirtLiveMigrateData md = null;
        boolean preStarted = false;
        boolean checkDone = false;
        boolean checkCleaned = false;
        JobKnowledge job = JobKnowledge.UNKNOWN;
        for (JournalRecord r : records) {
            String step = r.field("step");
            if (r.event() == JournalEvent.STEP_FINISHED && r.fields().containsKey("md.image_type")) {
                md = migrateData(r.fields());
            }
            if (r.event() == JournalEvent.STEP_STARTED && Step.PRE_LIVE_MIGRATION.name().equals(step)) {
                preStarted = true;
            }
            if (r.event() == JournalEvent.STEP_FINISHED
                    && Step.CHECK_CAN_LIVE_MIGRATE_DESTINATION.name().equals(step)) {
                checkDone = true;
            }
            if (r.event() == JournalEvent.STEP_FINISHED
                    && Step.CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK.name().equals(step)) {
                checkCleaned = true;
            }
            if (r.event() == JournalEvent.JOB_ENDED) {
                job = switch (r.field("status")) {
                    case "completed" -> JobKnowledge.COMPLETED;
                    case "failed", "cancelled", "error" -> JobKnowledge.FAILED;
                    default -> JobKnowledge.UNKNOWN;
                };
            }
        }
        return new JournaledMigration(migrationId, instance, begin.field("source"), begin.field("destination"),
                begin.field("source_state"), md, preStarted, checkDone && !checkCleaned, job);
    }

    private static LibvirtLiveMigrateData migrateData(Map<String, String> f) {
        Function<String, Boolean> bool = k -> f.containsKey(k) ? Boolean.valueOf(f.get(k)) : null;
        return LibvirtLiveMigrateData.builder().filename(f.get("md.filename")).imageType(f.get("md.image_type"))
                .blockMigration(bool.apply("md.block_migration"))
                .isSharedInstancePath(bool.apply("md.is_shared_instance_path"))
                .isSharedBlockStorage(bool.apply("md.is_shared_block_storage"))
                .isVolumeBacked(bool.apply("md.is_volume_backed"))
                .instanceRelativePath(f.get("md.instance_relative_path"))
                .dstInstancesPath(f.get("md.dst_instances_path")).build();
    }
}
