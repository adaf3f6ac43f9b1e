package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import dev.novalibvirt.migration.task.journal.JournalEvent;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding process dies mid-migration; a new one reads the journal, asks both hosts and finishes the job. */
class RecoveryTest {
    private static final String CEPHX_KEY = "AQBzZ2VjcmV0LWNlcGh4LWtleS0wMDAwMDAwMDAwMA==";
    private static final String VOLUME_PASSWORD = "s3cr3t-volume-auth-password";

    @TempDir
    Path dir;
    private final List<String> calls = new ArrayList<>();
    private final RecordingDriver a = new RecordingDriver("host-a", calls);
    private final RecordingDriver b = new RecordingDriver("host-b", calls);
    private final Instance instance =
            new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "recovery-test", 128, 1, 1, "img");

    /** The JVM "dies" when the task is about to record libvirt's verdict: everything before is on disk. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private FileMigrationJournal crashAfterTheJob() {
        return crashAt(r -> r.event() == JournalEvent.JOB_ENDED);
    }

    /** The JVM "dies" as the task is about to record {@code last}: everything before is on disk. */
    private FileMigrationJournal crashAt(Predicate<JournalRecord> last) {
        FileMigrationJournal file = new FileMigrationJournal(dir.resolve("migrations.journal"));
        MigrationJournal dying = new MigrationJournal() {
            @Override
            public void append(JournalRecord r) {
                if (last.test(r)) {
                    throw new Crash();
                }
                file.append(r);
            }

            @Override
            public List<JournalRecord> records() {
                return file.records();
            }
        };
        LiveMigrationHandle h = LiveMigrationTask.builder(a, b).journal(dying).build().start(instance, null, null);
        assertThatThrownBy(h::await).hasRootCauseInstanceOf(Crash.class);
        calls.clear();
        return file;
    }

    private MigrationRecovery recovery(MigrationJournal j, FakeProbe pa, FakeProbe pb) {
        return new MigrationRecovery(j, List.of(new MigrationRecovery.Site(a, pa), new MigrationRecovery.Site(b, pb)),
                Clock.systemUTC(), d -> { }, Duration.ofSeconds(2));
    }

    @Test
    void aGuestThatSwitchedOverBeforeTheCrashIsRolledForwardAndTheSourceCleaned() {
        FileMigrationJournal j = crashAfterTheJob();
        assertThat(j.unfinished()).hasSize(1);
        List<MigrationRecovery.Report> reports = recovery(j, new FakeProbe("host-a", calls, DomainPresence.ABSENT),
                new FakeProbe("host-b", calls, DomainPresence.RUNNING)).recover();
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.decision().action()).isEqualTo(RecoveryAction.ROLL_FORWARD);
            assertThat(r.finished()).isTrue();
        });
        assertThat(calls).containsExactly("host-a:postAtSource", "host-a:cleanup", "host-b:postAtDestination");
        assertThat(a.lastDestroyDisks).as("RBD disks are never destroyed by recovery").isFalse();
        assertThat(j.unfinished()).as("the journal says it is over").isEmpty();
    }

    @Test
    void aGuestStillOnThePausedSourceIsRolledBackAndResumed() {
        FileMigrationJournal j = crashAfterTheJob();
        recovery(j, new FakeProbe("host-a", calls, DomainPresence.PAUSED),
                new FakeProbe("host-b", calls, DomainPresence.ABSENT)).recover();
        assertThat(calls).containsExactly("host-a:resume", "host-a:rollbackAtSource", "host-b:rollbackAtDestination");
        assertThat(j.unfinished()).isEmpty();
    }

    @Test
    void aPostCopySourceLeftPausedIsPoweredOffBeforeItsDefinitionGoes() {
        FileMigrationJournal j = crashAfterTheJob();
        recovery(j, new FakeProbe("host-a", calls, DomainPresence.PAUSED),
                new FakeProbe("host-b", calls, DomainPresence.RUNNING)).recover();
        assertThat(calls).startsWith("host-a:powerOff", "host-a:postAtSource", "host-a:cleanup");
    }

    @Test
    void anUnreachableHostLeavesTheMigrationForTheNextCallAndChangesNothing() {
        FileMigrationJournal j = crashAfterTheJob();
        FakeProbe pa = new FakeProbe("host-a", calls, DomainPresence.RUNNING);
        pa.view = HostView.unreachable("host-a", "connection refused");
        List<MigrationRecovery.Report> r = recovery(j, pa, new FakeProbe("host-b", calls, DomainPresence.ABSENT))
                .recover();
        assertThat(r).singleElement().extracting(MigrationRecovery.Report::finished).isEqualTo(false);
        assertThat(calls).isEmpty();
        assertThat(j.unfinished()).hasSize(1);
        JournalRecord last = j.records().get(j.records().size() - 1);
        assertThat(last.event()).as("recorded for the next call").isEqualTo(JournalEvent.END);
        assertThat(last.field("outcome")).isEqualTo("NEEDS_RECOVERY");
        assertThat(last.field("detail")).contains("RETRY_LATER").contains("host-a").contains("connection refused");
    }

    @Test
    void aStepThatFailsAgainKeepsTheMigrationUnfinishedAndTheNextCallCompletesIt() {
        FileMigrationJournal j = crashAfterTheJob();
        FakeProbe pa = new FakeProbe("host-a", calls, DomainPresence.ABSENT);
        FakeProbe pb = new FakeProbe("host-b", calls, DomainPresence.RUNNING);
        a.unreachable = new dev.novalibvirt.core.exception.InternalError("End of file while reading data");
        assertThat(recovery(j, pa, pb).recover()).singleElement().satisfies(r ->
                assertThat(r.pending()).extracting(PendingStep::step)
                        .containsExactly(Step.POST_LIVE_MIGRATION_AT_SOURCE, Step.CLEANUP_SOURCE));
        a.unreachable = null;
        assertThat(recovery(j, pa, pb).recover()).singleElement().extracting(MigrationRecovery.Report::finished)
                .isEqualTo(true);
        assertThat(j.unfinished()).isEmpty();
    }

    @Test
    void aRecordTornByTheCrashDoesNotSwallowTheEndRecoveryWritesNorIsTheMigrationRecoveredTwice() throws Exception {
        FileMigrationJournal j = crashAt(r -> r.event() == JournalEvent.STEP_STARTED
                && Step.PRE_LIVE_MIGRATION.name().equals(r.field("step")));
        // the crash tore the record it was writing: half a line, no line break
        Files.writeString(j.file(), "v1 2026-12-01T12:00:00Z " + j.records().get(0).migrationId()
                + " STEP_STARTED step=PRE_LIVE_MIG", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        FakeProbe pa = new FakeProbe("host-a", calls, DomainPresence.RUNNING);
        FakeProbe pb = new FakeProbe("host-b", calls, DomainPresence.ABSENT);

        assertThat(recovery(j, pa, pb).recover()).singleElement().satisfies(r -> {
            assertThat(r.decision().action()).isEqualTo(RecoveryAction.ROLL_BACK);
            assertThat(r.finished()).isTrue();
        });

        assertThat(j.unfinished()).as("the END written after the torn line is read back").isEmpty();
        assertThat(recovery(j, pa, pb).recover()).as("a second call finds nothing to do").isEmpty();
    }

    @Test
    void aDeferredEndRetriedAfterATornAttemptStillSaysWhyForTheNextCall() throws Exception {
        FileMigrationJournal j = crashAfterTheJob();
        FakeProbe pa = new FakeProbe("host-a", calls, DomainPresence.RUNNING);
        pa.view = HostView.unreachable("host-a", "connection refused");
        FakeProbe pb = new FakeProbe("host-b", calls, DomainPresence.ABSENT);
        recovery(j, pa, pb).recover();
        String end = Files.readAllLines(j.file(), StandardCharsets.UTF_8).get(j.records().size() - 1);
        // the next call's END fails part-way (a full disk): its first bytes stay, without a line break
        String torn = end.substring(0, end.length() / 2);
        Files.writeString(j.file(), torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        recovery(j, pa, pb).recover();

        List<String> lines = Files.readAllLines(j.file(), StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 2)).as("the torn attempt, a skipped line of its own").isEqualTo(torn);
        assertThat(lines.get(lines.size() - 1)).as("the retried END, not glued to it").startsWith("v1 ")
                .doesNotContain(torn);
        JournalRecord last = j.records().get(j.records().size() - 1);
        assertThat(last.event()).isEqualTo(JournalEvent.END);
        assertThat(last.field("detail")).contains("RETRY_LATER").contains("connection refused");
        assertThat(calls).isEmpty();
    }

    @Test
    void theJournalHoldsNoSecretFromMigrateDataOrBlockDevices() throws Exception {
        a.sourceCheck = md -> md.toBuilder().bdms(List.of(new LibvirtLiveMigrateBDMInfo("vol-1", "virtio", "vdb",
                "network", "raw", null, "{\"data\":{\"auth_password\":\"" + VOLUME_PASSWORD + "\",\"key\":\""
                + CEPHX_KEY + "\"}}", null))).build();
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("migrations.journal"));
        LiveMigrationResult r = LiveMigrationTask.builder(a, b).journal(j).build().run(instance, null, null);
        assertThat(r.completed()).isTrue();
        assertThat(r.migrateData().bdms()).as("the secret did travel in migrate data").isNotEmpty();
        String text = Files.readString(j.file(), StandardCharsets.UTF_8);
        assertThat(text).contains("PRE_LIVE_MIGRATION").contains("md.is_shared_block_storage=true")
                .doesNotContain(VOLUME_PASSWORD).doesNotContain(CEPHX_KEY)
                .doesNotContain(java.net.URLEncoder.encode(CEPHX_KEY, StandardCharsets.UTF_8))
                .doesNotContain("auth_password");
        assertThat(j.unfinished()).isEmpty();
    }
}
