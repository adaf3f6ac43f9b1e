package dev.novalibvirt.migration.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.migration.testlog.CapturingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The phases of a step: one DEBUG line and one listener call each, measured on the injected clock. */
class PhaseTimerTest {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseTimerTest.class);

    private final List<String> heard = new ArrayList<>();
    private final PhaseListener listener = (step, phase, nanos) -> heard.add(step + "/" + phase + " "
            + TimeUnit.NANOSECONDS.toMicros(nanos) + " us");
    private long now = 5_000_000_000L;

    @BeforeEach
    void clearLog() {
        CapturingProvider.clear();
    }

    private void advanceMicros(long us) {
        now += TimeUnit.MICROSECONDS.toNanos(us);
    }

    @Test
    void eachMarkIsTheTimeSinceThePreviousOneAndBecomesADebugLine() {
        PhaseTimer t = PhaseTimer.start(LOG, "live_migration", listener, () -> now);
        advanceMicros(1_250);
        t.mark("lookup");
        advanceMicros(3_000);
        t.mark("migratable_xml");
        t.report("total", t.elapsedNanos());

        assertThat(heard).containsExactly("live_migration/lookup 1250 us", "live_migration/migratable_xml 3000 us",
                "live_migration/total 4250 us");
        assertThat(CapturingProvider.lines()).filteredOn(l -> l.logger().equals(PhaseTimerTest.class.getName()))
                .extracting(CapturingProvider.Line::level, CapturingProvider.Line::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Level.DEBUG, "live_migration phase lookup: 1.25 ms"),
                        org.assertj.core.groups.Tuple.tuple(Level.DEBUG, "live_migration phase migratable_xml: 3.00 ms"),
                        org.assertj.core.groups.Tuple.tuple(Level.DEBUG, "live_migration phase total: 4.25 ms"));
    }

    @Test
    void timedWorkCountsOnlyItselfAndIsReportedWhenItThrows() {
        PhaseTimer t = PhaseTimer.start(LOG, "check_can_live_migrate_source", listener, () -> now);
        advanceMicros(700); // not part of the timed work
        assertThat(t.time("domain_xml", () -> {
            advanceMicros(2_000);
            return "<domain/>";
        })).isEqualTo("<domain/>");
        assertThatThrownBy(() -> t.run("domain_parse", () -> {
            advanceMicros(400);
            throw new IllegalStateException("bad xml");
        })).hasMessage("bad xml");
        advanceMicros(100);
        t.mark("storage_topology");

        assertThat(heard).containsExactly("check_can_live_migrate_source/domain_xml 2000 us",
                "check_can_live_migrate_source/domain_parse 400 us",
                "check_can_live_migrate_source/storage_topology 100 us");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheStep() {
        PhaseTimer t = PhaseTimer.start(LOG, "live_migration", (s, p, n) -> {
            throw new IllegalStateException("listener bug");
        }, () -> now);
        t.mark("lookup");
        assertThat(CapturingProvider.lines()).anySatisfy(l -> {
            assertThat(l.level()).isEqualTo(Level.WARN);
            assertThat(l.message()).contains("live_migration lookup", "listener bug");
        });
    }
}
