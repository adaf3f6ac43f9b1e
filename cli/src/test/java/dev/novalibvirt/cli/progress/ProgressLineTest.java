package dev.novalibvirt.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line as a terminal shows it: sizes in binary units, ETA, unknown figures, any width. */
class ProgressLineTest {
    static final long KIB = 1024;
    static final long MIB = KIB * 1024;
    static final long GIB = MIB * 1024;

    static ProgressSnapshot snapshot(int percent, long processed, long total, long remaining, long dirty, double eta) {
        return new ProgressSnapshot("instance-00000001", percent, processed, total, remaining, dirty, eta, false);
    }

    @Test
    void sizesInBinaryUnits() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(245 * MIB + 800 * KIB)).isEqualTo("245.8 MiB");
        assertThat(Units.bytes(2 * GIB)).isEqualTo("2.0 GiB");
        assertThat(Units.bytes(3 * GIB * 1024)).isEqualTo("3.0 TiB");
        assertThat(Units.bytes(-1)).isEqualTo("?");
        assertThat(Units.rate(98 * MIB)).isEqualTo("98.0 MiB/s");
        assertThat(Units.rate(-1)).isEqualTo("?");
    }

    @Test
    void etaAndDurations() {
        assertThat(Units.eta(0)).isEqualTo("0:00");
        assertThat(Units.eta(42.4)).isEqualTo("0:42");
        assertThat(Units.eta(725)).isEqualTo("12:05");
        assertThat(Units.eta(3723)).isEqualTo("1:02:03");
        assertThat(Units.eta(-1)).isEqualTo("?");
        assertThat(Units.eta(Double.NaN)).isEqualTo("?");
        assertThat(Units.eta(Double.POSITIVE_INFINITY)).isEqualTo("?");
        assertThat(Units.duration(Duration.ofMillis(41))).isEqualTo("41 ms");
        assertThat(Units.duration(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(Units.duration(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
        assertThat(Units.duration(null)).isEqualTo("?");
    }

    @Test
    void aMigrationHalfWay() {
        String line = ProgressLine.render(snapshot(42, 215 * MIB, 512 * MIB, 297 * MIB, 12 * MIB, 7.2), 100);

        assertThat(line).isEqualTo("instance-00000001 [######---------]  42% 215.0/512.0 MiB"
                + "  297.0 MiB left  dirty 12.0 MiB/s  ETA 0:07");
        assertThat(line).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void aWideTerminalCapsTheBarAndAGiBGuestShowsGiB() {
        String line = ProgressLine.render(snapshot(100, 8 * GIB, 8 * GIB, 0, 0, 0), 200);

        assertThat(line).startsWith("instance-00000001 [" + "#".repeat(ProgressLine.MAX_BAR - 2) + "] 100% 8.0/8.0 GiB"
                + "  0 B left  dirty 0 B/s  ETA 0:00");
    }

    @Test
    void unknownTotalsShowAQuestionMarkNotAFalseFigure() {
        String line = ProgressLine.render(snapshot(-1, 100 * MIB, 0, -1, -1, -1), 100);

        assertThat(line).contains("[       ?       ]").contains("]   ?% 100.0 MiB / ?  ? left  dirty ?  ETA ?");
    }

    @Test
    void withoutNovasPercentItIsDerivedFromTheSizes() {
        assertThat(snapshot(-1, 128 * MIB, 512 * MIB, 384 * MIB, 0, -1).shownPercent()).isEqualTo(25);
        assertThat(snapshot(140, 1, 1, 0, 0, -1).shownPercent()).isEqualTo(100);
    }

    @Test
    void aNarrowTerminalShortensTheLabelThenLeavesItOutThenTheBarAndNeverWraps() {
        ProgressSnapshot s = snapshot(42, 215 * MIB, 512 * MIB, 297 * MIB, 12 * MIB, 7.2);

        assertThat(ProgressLine.render(s, 86)).isEqualTo("instance-~ [###-----]  42% 215.0/512.0 MiB  297.0 MiB left"
                + "  dirty 12.0 MiB/s  ETA 0:07");
        assertThat(ProgressLine.render(s, 80)).as("a classic terminal").isEqualTo("[#####--------]  42% 215.0/512.0 MiB"
                + "  297.0 MiB left  dirty 12.0 MiB/s  ETA 0:07");
        String tiny = ProgressLine.render(s, 60);
        assertThat(tiny).hasSize(60).startsWith(" 42% 215.0/512.0 MiB").doesNotContain("[");
    }

    @Test
    void doneOutOfAllSharesTheUnitWhenItCan() {
        assertThat(Units.bytesOf(215 * MIB, 512 * MIB)).isEqualTo("215.0/512.0 MiB");
        assertThat(Units.bytesOf(900 * MIB, 3 * GIB / 2)).isEqualTo("900.0 MiB / 1.5 GiB");
        assertThat(Units.bytesOf(100 * MIB, -1)).isEqualTo("100.0 MiB / ?");
        assertThat(Units.bytesOf(512, 1000)).isEqualTo("512/1000 B");
    }

    @Test
    void postCopyIsMarked() {
        ProgressSnapshot s = new ProgressSnapshot("vm", 90, 460 * MIB, 512 * MIB, 52 * MIB, 0, 1, true);

        assertThat(ProgressLine.render(s, 120)).endsWith("ETA 0:01  post-copy");
    }
}
