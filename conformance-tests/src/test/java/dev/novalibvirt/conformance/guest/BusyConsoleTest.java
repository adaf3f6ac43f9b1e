package dev.novalibvirt.conformance.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.task.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The busy guest's counters followed from the source's console.log into the destination's across a hop. */
class BusyConsoleTest {
    private static final String BOOT = "busyguest init: vda present, 1024 MiB\r\nio: /dev/vda opened, counter on disk 0\r\n";

    private static String hb(long n) {
        return "hb=" + n + " up=" + n + ".0 passes=0 dirty=0MiB/s io_ok=" + n + " io_err=0 io_busy_ms=0\r\n";
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void theCountersGoOnFromTheSourcesLastLinesIntoTheDestinationsWithoutAGap(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("a/console.log");
        Path destination = dir.resolve("b/console.log");
        Files.createDirectories(source.getParent());
        Files.createDirectories(destination.getParent());
        BusyConsole console = new BusyConsole();
        append(source, BOOT + "io=1 OK\r\n" + hb(1));
        Continuity booted = console.goesOn(source, "host-a", Duration.ofSeconds(5));
        assertThat(booted.after()).isEqualTo(new GuestCounters(1, 1));

        append(source, "io=2 OK\r\n" + hb(2) + "io=3 OK\r\n" + hb(3));
        GuestCounters before = console.counters();
        append(source, "io=4 OK\r\n" + hb(4));                  // written during the hop, before the switch-over
        console.sourceTail().stepStarted(Step.POST_LIVE_MIGRATION, "host-a");
        append(destination, "io=5 OK\r\n" + hb(5));
        Continuity hop = console.goesOn(destination, "host-b", Duration.ofSeconds(5));

        assertThat(before).isEqualTo(new GuestCounters(3, 3));
        assertThat(hop.handOver()).isEqualTo(new GuestCounters(4, 4));
        assertThat(hop.after()).isEqualTo(new GuestCounters(5, 5));
        assertThat(hop.ok()).isTrue();
        assertThat(console.problemCount()).isZero();
    }

    @Test
    void aGapAtTheHandOverAndCountersThatDoNotGoOnAreProblems(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("a.log");
        Path destination = dir.resolve("b.log");
        BusyConsole console = new BusyConsole();
        append(source, BOOT + "io=1 OK\r\n" + hb(1));
        console.goesOn(source, "host-a", Duration.ofSeconds(5));
        append(destination, "io=3 OK\r\n" + hb(3));

        Continuity gap = console.goesOn(destination, "host-b", Duration.ofSeconds(5));
        Continuity stuck = console.goesOn(dir.resolve("c.log"), "host-c", Duration.ofMillis(300));

        assertThat(gap.problems()).containsExactly(
                "serial: disk counter has a gap: 1 -> 3, heartbeat has a gap: 1 -> 3");
        assertThat(stuck.problems()).containsExactly(
                "on host-c within 0 s: heartbeat 3 -> 3, disk counter 3 -> 3");
    }
}
