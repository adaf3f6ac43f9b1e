package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.task.journal.JournalEvent;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An evacuation's records in a {@link MigrationJournal} (e.g. a {@code FileMigrationJournal}, fsynced per record):
 * per guest attempt a {@code BEGIN} with the instance and both hosts, the rebuild's start, its end, and later the
 * source's cleanup; each record carries Nova's migration status of the evacuation. Give it a journal of its own, not
 * the live migrations' one: {@code MigrationRecovery} does not know these records.
 *
 * <p>Only allow-listed fields are written: the instance's identity and flavor sizes, host names, the error's class
 * and message; never network or block device info.
 */
public final class EvacuationJournal {
    static final String OPERATION = "evacuate";
    private static final String REBUILD = "REBUILD";
    private static final String FENCE = "FENCE";
    private static final String DESTROY_EVACUATED = "DESTROY_EVACUATED";

    private final MigrationJournal journal;
    private final Clock clock;

    public EvacuationJournal(MigrationJournal journal, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A journal that forgets everything (no recovery, no cleanup of the source from it). */
    public static EvacuationJournal none() {
        return new EvacuationJournal(MigrationJournal.none(), Clock.systemUTC());
    }

    void fenced(String source, List<String> entries) {
        append(UUID.randomUUID().toString(), JournalEvent.STEP_FINISHED, fields("step", FENCE, "host", source,
                "entries", String.join(",", entries)));
    }

    /** Records a new attempt (status {@code accepted}); returns its id. */
    String begin(Instance instance, String source, String destination) {
        String id = UUID.randomUUID().toString();
        Map<String, String> f = fields("instance_uuid", instance.uuid(), "instance_name", instance.name(),
                "memory_mib", Integer.toString(instance.memoryMib()), "vcpus", Integer.toString(instance.vcpus()),
                "root_gb", Integer.toString(instance.rootGb()), "image_ref", instance.imageRef(),
                "source", source, "destination", destination);
        f.put("status", EvacuationRecord.ACCEPTED);
        append(id, JournalEvent.BEGIN, f);
        return id;
    }

    void rebuilding(String id, String destination) {
        append(id, JournalEvent.STEP_STARTED, fields("step", REBUILD, "host", destination,
                "status", EvacuationRecord.PRE_MIGRATING));
    }

    void ended(String id, EvacuationOutcome outcome) {
        Map<String, String> f = fields("outcome", outcome.state().name());
        if (outcome instanceof EvacuationOutcome.Refused r) {
            f.putAll(fields("error_class", r.refusal().getClass().getSimpleName(), "error", r.refusal().getMessage()));
        } else if (outcome instanceof EvacuationOutcome.Failed x) {
            f.putAll(fields("error_class", x.error().getClass().getSimpleName(), "error", x.error().getMessage()));
        }
        f.put("status", outcome.state() == EvacuationState.REBUILT ? EvacuationRecord.DONE : EvacuationRecord.FAILED);
        append(id, JournalEvent.END, f);
    }

    void cleaned(EvacuationRecord attempt) {
        append(attempt.id(), JournalEvent.STEP_FINISHED, fields("step", DESTROY_EVACUATED, "host", attempt.source(),
                "status", EvacuationRecord.COMPLETED));
    }

    /** Every guest attempt in the order begun, each with its last status. */
    public List<EvacuationRecord> attempts() {
        Map<String, EvacuationRecord> byId = new LinkedHashMap<>();
        for (JournalRecord r : journal.records()) {
            if (!OPERATION.equals(r.field("operation"))) {
                continue;
            }
            if (r.event() == JournalEvent.BEGIN && r.field("instance_uuid") != null) {
                byId.put(r.migrationId(), new EvacuationRecord(r.migrationId(), instance(r), r.field("source"),
                        r.field("destination"), r.field("status")));
            } else if (byId.containsKey(r.migrationId()) && r.field("status") != null) {
                EvacuationRecord a = byId.get(r.migrationId());
                byId.put(a.id(), new EvacuationRecord(a.id(), a.instance(), a.source(), a.destination(),
                        r.field("status")));
            }
        }
        return List.copyOf(byId.values());
    }

    /** The latest attempt of {@code uuid} evacuated from {@code source}. */
    public Optional<EvacuationRecord> latest(String uuid, String source) {
        EvacuationRecord last = null;
        for (EvacuationRecord a : attempts()) {
            if (a.instance().uuid().equals(uuid) && a.source().equals(source)) {
                last = a;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The guests rebuilt elsewhere whose copy on {@code source} has not been cleaned up yet (status done). */
    public List<EvacuationRecord> evacuatedFrom(String source) {
        return latestPerGuest(source).stream().filter(a -> EvacuationRecord.DONE.equals(a.status())).toList();
    }

    /** The guests of {@code source} whose rebuild began and never ended (a crash mid-evacuation). */
    public List<EvacuationRecord> unfinished(String source) {
        return latestPerGuest(source).stream().filter(EvacuationRecord::unfinished).toList();
    }

    private List<EvacuationRecord> latestPerGuest(String source) {
        Map<String, EvacuationRecord> byGuest = new LinkedHashMap<>();
        for (EvacuationRecord a : attempts()) {
            if (a.source().equals(source)) {
                byGuest.remove(a.instance().uuid());
                byGuest.put(a.instance().uuid(), a);
            }
        }
        return new ArrayList<>(byGuest.values());
    }

    private static Instance instance(JournalRecord r) {
        return new Instance(r.field("instance_uuid"), r.field("instance_name"),
                Integer.parseInt(r.field("memory_mib")), Integer.parseInt(r.field("vcpus")),
                Integer.parseInt(r.field("root_gb")), r.field("image_ref"));
    }

    private void append(String id, JournalEvent event, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("operation", OPERATION);
        f.putAll(fields);
        journal.append(new JournalRecord(id, clock.instant(), event, f));
    }

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
