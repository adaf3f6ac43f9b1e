package dev.novalibvirt.conformance.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.monitor.MigrationEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** live_migration's bar: redrawn on a terminal, a few plain lines elsewhere. */
class HopProgressTest {
    private static final long MIB = 1024 * 1024;

    private static MigrationEvent.Progress progress(int percent) {
        long total = 128 * MIB;
        long done = total * percent / 100;
        return new MigrationEvent.Progress("contract-demo-1a2b3c4d", 100L * percent, total, done, total - done, 0,
                300 * MIB, 1, percent, 1.5, 0, false);
    }

    private static MigrationEvent.Completed completed() {
        return new MigrationEvent.Completed("contract-demo-1a2b3c4d", 2000, 41, 1900, 24 * MIB, false, null);
    }

    @Test
    void whereNothingIsRedrawnALineAtEachQuarterOfTheWayAndOneAtTheEnd() {
        StringWriter text = new StringWriter();
        HopProgress bar = new HopProgress(new PrintWriter(text), false, 120);

        for (int pct : new int[] {0, 10, 20, 30, 60, 99}) {
            bar.onEvent(progress(pct));
        }
        bar.onEvent(completed());
        bar.finish();

        String[] lines = text.toString().split(System.lineSeparator());
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("  live  contract-demo-1a2b3c4d [").contains("  0% 0 B / 128.0 MiB");
        assertThat(lines[1]).contains(" 30% ");
        assertThat(lines[2]).contains(" 60% ");
        assertThat(lines[3]).contains(" 99% ");
        assertThat(lines[4]).contains("100% 24.0/24.0 MiB");
        assertThat(text.toString()).doesNotContain("\r");
        assertThat(lines).allMatch(l -> l.length() <= 120);
    }

    @Test
    void aHundredPercentProgressIsTheEndAlready() {
        StringWriter text = new StringWriter();
        HopProgress bar = new HopProgress(new PrintWriter(text), false, 120);

        bar.onEvent(progress(100));
        bar.onEvent(completed());

        assertThat(text.toString().split(System.lineSeparator())).hasSize(1);
    }

    @Test
    void onATerminalTheCliRedrawsOneLineAndEndsItWhenTheBarIsOver() {
        StringWriter text = new StringWriter();
        HopProgress bar = new HopProgress(new PrintWriter(text), true, 100);

        bar.onEvent(progress(30));
        bar.onEvent(progress(60));
        bar.onEvent(completed());
        bar.finish();

        assertThat(text.toString()).startsWith("\rcontract-demo-1a2b3c4d [").contains("\r").endsWith("\n");
        assertThat(text.toString().chars().filter(c -> c == '\r')).hasSize(3);
    }
}
