package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ParallelBench's report without the lab: the RESULT line and the connection count it recommends. */
class ParallelBenchTest {
    private static ParallelRun.Row done(String kind, int connections, boolean postCopy, double s) {
        return new ParallelRun.Row(new ParallelBench.Case(kind, connections, postCopy), "yes", s, 2000, 40, 1100, 550,
                "");
    }

    private static ParallelRun.Row refused(String kind, int connections) {
        return new ParallelRun.Row(new ParallelBench.Case(kind, connections, true), "failed", 0.4, -1, -1, -1, -1,
                "failed: Postcopy is not yet compatible with multifd");
    }

    @Test
    void theFewestConnectionsWithinFivePercentOfTheFastestBusyPreCopyAreRecommended() {
        List<ParallelRun.Row> rows = List.of(done("idle", 1, false, 3.0), done("idle", 2, false, 2.9),
                done("busy", 1, false, 9.0), done("busy", 2, false, 6.1), done("busy", 4, false, 6.0));
        assertThat(ParallelBench.defaultConnections(rows)).isEqualTo(2);
    }

    @Test
    void withoutACompletedBusyPreCopyTheIdleGuestDecides() {
        List<ParallelRun.Row> rows = List.of(done("idle", 1, false, 3.0), done("idle", 4, false, 2.0),
                new ParallelRun.Row(new ParallelBench.Case("busy", 1, false), "no", 60, -1, -1, 6000, 100, "aborted"));
        assertThat(ParallelBench.defaultConnections(rows)).isEqualTo(4);
        assertThat(ParallelBench.defaultConnections(List.of())).isEqualTo(1);
    }

    @Test
    void theResultLineNamesEveryCaseAndTheMedianRunOfEach() {
        List<ParallelRun.Row> rows = List.of(done("idle", 1, false, 3.0), done("idle", 1, false, 5.0),
                done("idle", 1, false, 4.0), done("busy", 1, true, 3.5), refused("busy", 2));
        BenchReport r = ParallelBench.report(rows, 4096, 1024);
        assertThat(r.resultLine()).startsWith("RESULT parallel idle_c1=yes idle_c1_s=4.00 idle_c1_downtime_ms=40 "
                + "idle_c1_MiBps=550 busy_postcopy_c1=yes busy_postcopy_c1_s=3.50").contains("busy_postcopy_c2=failed")
                .endsWith("default_connections=1");
        assertThat(r.table()).contains("busy + post-copy (policy), 2 connections", "not yet compatible with multifd");
    }
}
