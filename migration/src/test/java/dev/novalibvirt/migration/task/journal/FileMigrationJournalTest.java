package dev.novalibvirt.migration.task.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file format: append-only lines that survive odd values, and a torn last line is skipped, not misread. */
class FileMigrationJournalTest {
    @TempDir
    Path dir;

    private static JournalRecord record(String id, JournalEvent e, Map<String, String> f) {
        return new JournalRecord(id, Instant.parse("2026-12-01T12:00:00Z"), e, f);
    }

    @Test
    void recordsComeBackAsWrittenWithBlanksAndLineBreaksInValues() {
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("sub/journal.log"));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("step", "LIVE_MIGRATION");
        f.put("error", "InternalError: End of file while reading data\nsecond line = x");
        j.append(record("m1", JournalEvent.STEP_FAILED, f));
        j.append(record("m1", JournalEvent.END, Map.of("outcome", "ROLLED_BACK")));
        assertThat(j.records()).containsExactly(record("m1", JournalEvent.STEP_FAILED, f),
                record("m1", JournalEvent.END, Map.of("outcome", "ROLLED_BACK")));
    }

    @Test
    void aTornLastLineIsSkipped() throws Exception {
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("journal.log"));
        j.append(record("m1", JournalEvent.BEGIN, Map.of("source", "host-a")));
        String whole = FileMigrationJournal.format(record("m1", JournalEvent.STEP_STARTED, Map.of("step", "PRE")));
        Files.writeString(j.file(), whole.substring(0, whole.length() - 3), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(j.records()).hasSize(1);
        assertThat(FileMigrationJournal.parse(whole.replace("PRE", "PRX"))).as("a changed byte fails the CRC").isNull();
    }

    @Test
    void aTailOfInvalidUtf8IsOneSkippedLineAndTheRecordsAroundItStayReadable() throws Exception {
        // a crash tore the tail mid-way through a three-byte sequence, and the disk left random bytes after it
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("journal.log"));
        JournalRecord begin = record("m1", JournalEvent.BEGIN, Map.of("source", "host-a"));
        j.append(begin);
        byte[] torn = {'v', '1', ' ', '2', '0', (byte) 0xE2, (byte) 0x82, (byte) 0xFF, (byte) 0xC3, (byte) 0x28,
                (byte) 0x80, (byte) 0xFE};
        Files.write(j.file(), torn, StandardOpenOption.APPEND);

        assertThat(j.records()).as("recovery can start: only the torn line is lost").containsExactly(begin);

        JournalRecord end = record("m1", JournalEvent.END, Map.of("outcome", "ROLLED_BACK"));
        j.append(end);
        assertThat(j.records()).containsExactly(begin, end);
        assertThat(j.unfinished()).isEmpty();
    }

    @Test
    void onlyMigrationsWithoutAFinalEndAreUnfinished() {
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("journal.log"));
        j.append(record("done", JournalEvent.BEGIN, Map.of()));
        j.append(record("done", JournalEvent.END, Map.of("outcome", "COMPLETED")));
        j.append(record("crashed", JournalEvent.BEGIN, Map.of()));
        j.append(record("stuck", JournalEvent.BEGIN, Map.of()));
        j.append(record("stuck", JournalEvent.END, Map.of("outcome", "NEEDS_RECOVERY")));
        assertThat(j.unfinished()).containsOnlyKeys("crashed", "stuck");
        assertThat(new FileMigrationJournal(dir.resolve("absent.log")).records()).isEmpty();
    }

    @Test
    void anEndRetriedAfterEachAttemptWasTornIsReadBackWholeAndItsLineDoesNotGrow() throws Exception {
        // the deferred END of each recovery call fails part-way (a full disk), the fourth goes through
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("journal.log"));
        j.append(record("m1", JournalEvent.BEGIN, Map.of("source", "host-a")));
        JournalRecord end = record("m1", JournalEvent.END, Map.of("outcome", "NEEDS_RECOVERY",
                "detail", "recovery deferred (RETRY_LATER): host-b cannot be asked: connection refused"));
        String whole = FileMigrationJournal.format(end);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Files.writeString(j.file(), whole.substring(0, 20 * attempt), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        j.append(end);

        assertThat(j.records()).containsExactly(record("m1", JournalEvent.BEGIN, Map.of("source", "host-a")), end);
        assertThat(Files.readAllLines(j.file(), StandardCharsets.UTF_8)).as("the torn attempts stay one skipped line")
                .hasSize(3).last().isEqualTo(whole);
        assertThat(j.unfinished()).containsOnlyKeys("m1");
    }

    @Test
    void aFinalEndWrittenAfterATornRecordClosesTheMigration() throws Exception {
        FileMigrationJournal j = new FileMigrationJournal(dir.resolve("journal.log"));
        j.append(record("m1", JournalEvent.BEGIN, Map.of()));
        String torn = FileMigrationJournal.format(record("m1", JournalEvent.STEP_STARTED, Map.of("step", "PRE")));
        Files.writeString(j.file(), torn.substring(0, torn.length() / 2), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        j.append(record("m1", JournalEvent.END, Map.of("outcome", "ROLLED_BACK")));

        assertThat(j.unfinished()).as("recovery will not roll it back a second time").isEmpty();
    }
}
