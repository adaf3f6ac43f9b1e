package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.migration.monitor.ConvergenceDecision.Action;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Basis;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Strategy;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Verdict;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The prediction at the start, as a table: measured dirty rate x stream bandwidth x what Nova's permits allow
 * (post-copy, auto-converge) gives verdict, action and strategy. 400 MiB are left to send, live_migration_downtime
 * is Nova's 500 ms. The first row is the lab's busy guest (research/busy-guest.md): 400 MiB rewritten flat out,
 * page sampling over 1 s reads 400 MiB/s, the stream is capped at 100 MiB/s.
 */
class DirtyRatePredictionTest {
    private static final long MIB = 1L << 20;
    private static final MigrationFeatures POST_COPY = new MigrationFeatures(true, false);
    private static final MigrationFeatures AUTO_CONVERGE = new MigrationFeatures(false, true);
    private static final MigrationFeatures NEITHER = new MigrationFeatures(false, false);

    private record Row(long dirtyMibS, long bandwidthMibS, MigrationFeatures permits, Verdict verdict, Action action,
                       Strategy strategy) {
        String name() {
            return String.format(Locale.ROOT, "dirty %d MiB/s at %d MiB/s, post-copy %s, auto-converge %s -> %s, %s, %s",
                    dirtyMibS, bandwidthMibS, permits.postCopy(), permits.autoConverge(), verdict, action, strategy);
        }
    }

    private static final Row[] TABLE = {
        // busy guest: pre-copy can never finish, so post-copy at once where permitted
        new Row(400, 100, POST_COPY, Verdict.DIVERGING, Action.SWITCH_POST_COPY, Strategy.POST_COPY),
        new Row(400, 100, AUTO_CONVERGE, Verdict.DIVERGING, Action.NONE, Strategy.AUTO_CONVERGE),
        new Row(400, 100, NEITHER, Verdict.DIVERGING, Action.NONE, Strategy.PLAIN),
        new Row(100, 100, POST_COPY, Verdict.DIVERGING, Action.SWITCH_POST_COPY, Strategy.POST_COPY),
        // each pass comes back >= 90 % dirty
        new Row(95, 100, POST_COPY, Verdict.STALLING, Action.SWITCH_POST_COPY, Strategy.POST_COPY),
        // r = 0.8: about 9 passes to fit 500 ms, too many
        new Row(80, 100, POST_COPY, Verdict.STALLING, Action.SWITCH_POST_COPY, Strategy.POST_COPY),
        new Row(80, 100, AUTO_CONVERGE, Verdict.STALLING, Action.NONE, Strategy.AUTO_CONVERGE),
        // r = 0.5: 3 passes (4000 ms -> 500 ms), fine: post-copy permitted but not needed
        new Row(50, 100, POST_COPY, Verdict.CONVERGING, Action.NONE, Strategy.PLAIN),
        new Row(10, 100, AUTO_CONVERGE, Verdict.CONVERGING, Action.NONE, Strategy.AUTO_CONVERGE),
        // idle guest
        new Row(0, 100, POST_COPY, Verdict.CONVERGING, Action.NONE, Strategy.PLAIN),
        new Row(0, 100, NEITHER, Verdict.CONVERGING, Action.NONE, Strategy.PLAIN),
        // the same busy guest on an uncapped 1000 MiB/s stream: 400 MiB fit 500 ms already
        new Row(400, 1000, POST_COPY, Verdict.CONVERGING, Action.NONE, Strategy.PLAIN),
        // ... but not on 600 MiB/s (r = 0.67, 667 ms left: one more pass does it)
        new Row(400, 600, POST_COPY, Verdict.CONVERGING, Action.NONE, Strategy.PLAIN),
        new Row(700, 600, POST_COPY, Verdict.DIVERGING, Action.SWITCH_POST_COPY, Strategy.POST_COPY),
    };

    @TestFactory
    Stream<DynamicTest> eachRowOfTheTable() {
        return Stream.of(TABLE).map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            ConvergenceDecision d = DirtyRatePrediction.decide(DirtyRateSample.measured(row.dirtyMibS(), 1,
                    "page-sampling"), row.bandwidthMibS() * MIB, 400 * MIB, 1, 500, 50, row.permits());
            assertThat(d.verdict()).isEqualTo(row.verdict());
            assertThat(d.action()).isEqualTo(row.action());
            assertThat(d.strategy()).isEqualTo(row.strategy());
            assertThat(d.basis()).isEqualTo(Basis.PREDICTION);
            assertThat(d.targetDowntimeMs()).as("a prediction never touches the downtime").isEqualTo(50);
        }));
    }

    @Test
    void theDecisionCarriesItsFigures() {
        ConvergenceDecision d = DirtyRatePrediction.decide(DirtyRateSample.measured(400, 1, "page-sampling"),
                100 * MIB, 400 * MIB, 1, 500, 50, POST_COPY);
        assertThat(d.dirtyBytesPerSec()).isEqualTo(400 * MIB);
        assertThat(d.bytesPerSec()).isEqualTo(100 * MIB);
        assertThat(d.dirtyRatio()).isEqualTo(4.0);
        assertThat(d.expectedDowntimeMs()).isEqualTo(4000);
        assertThat(d.describe()).startsWith("[prediction, post-copy] DIVERGING -> SWITCH_POST_COPY at iteration 1")
                .contains("dirty 400.0 MiB/s", "bandwidth 100.0 MiB/s", "dirty ratio 4.00",
                        "dirty rate 400 MiB/s over 1 s (page-sampling) at the start",
                        "switch to post-copy now, not after the first pass");
    }

    @Test
    void aLookLateInTheFirstPassStillSeesABusyGuestDiverge() {
        // converge bench, s23 run 1: libvirt held the monitor's first look until 95 % of the first pass was sent;
        // 24 MiB left "fit" 500 ms, but the 390 MiB/s the guest dirtied meanwhile come back at the next sync
        ConvergenceDecision d = DirtyRatePrediction.decide(DirtyRateSample.measured(390, 1, "page-sampling"),
                100 * MIB, 24 * MIB, 1, 500, 0, POST_COPY);
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.action()).isEqualTo(Action.SWITCH_POST_COPY);
    }

    @Test
    void aFittingRemainderAfterTheFirstSyncIsRealAndNeedsNoPostCopy() {
        // from the second pass on the remainder is what the last sync found dirty: 24 MiB fit 500 ms
        ConvergenceDecision d = DirtyRatePrediction.decide(DirtyRateSample.measured(390, 1, "page-sampling"),
                100 * MIB, 24 * MIB, 2, 500, 50, POST_COPY);
        assertThat(d.verdict()).isEqualTo(Verdict.CONVERGING);
        assertThat(d.action()).isEqualTo(Action.NONE);
    }

    @Test
    void withoutAMeasurementThereIsNoPrediction() {
        assertThatThrownBy(() -> DirtyRatePrediction.decide(DirtyRateSample.unavailable("old libvirt"), 100 * MIB,
                400 * MIB, 1, 500, 50, POST_COPY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unavailable: old libvirt");
        ConvergenceDecision d = DirtyRatePrediction.unavailable("old libvirt", 1, 400 * MIB, 100 * MIB, 50,
                AUTO_CONVERGE);
        assertThat(d.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(d.action()).isEqualTo(Action.NONE);
        assertThat(d.strategy()).isEqualTo(Strategy.AUTO_CONVERGE);
        assertThat(d.reason()).contains("old libvirt", "the statistics policy decides");
    }
}
