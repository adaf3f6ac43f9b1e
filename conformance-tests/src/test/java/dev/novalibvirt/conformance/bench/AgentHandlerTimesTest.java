package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agents' own handling times, read from the summary lines they log when they stop. */
class AgentHandlerTimesTest {
    private static final String LOG_A = """
            [main] INFO dev.novalibvirt.agent.ComputeAgent - agent of host-a serving on AmqpTransport[...]
            [agent-shutdown] INFO dev.novalibvirt.agent.ComputeAgent - agent of host-a handled get_info n=4 \
            p50_ms=1.000 p99_ms=2.000 max_ms=2.000
            [agent-shutdown] INFO dev.novalibvirt.agent.ComputeAgent - agent of host-a handled live_migration n=3 \
            p50_ms=1900.500 p99_ms=2100.000 max_ms=2100.000
            """;
    private static final String LOG_B = """
            [agent-shutdown] INFO dev.novalibvirt.agent.ComputeAgent - agent of host-b handled get_info n=1 \
            p50_ms=6.000 p99_ms=6.000 max_ms=6.000
            """;

    @Test
    void everySummaryLineIsRead() {
        assertThat(AgentHandlerTimes.parse(LOG_A)).containsExactly(
                new AgentHandlerTimes.Handled("host-a", "get_info", 4, 1.0, 2.0, 2.0),
                new AgentHandlerTimes.Handled("host-a", "live_migration", 3, 1900.5, 2100.0, 2100.0));
        assertThat(AgentHandlerTimes.parse("nothing here")).isEmpty();
    }

    @Test
    void hostsAreCombinedPerMethodTheMedianWeightedByCountThePercentileTheWorst() {
        Map<String, AgentHandlerTimes.Combined> c = AgentHandlerTimes.combine(
                List.of(AgentHandlerTimes.parse(LOG_A), AgentHandlerTimes.parse(LOG_B)).stream()
                        .flatMap(List::stream).toList());
        assertThat(c.get("get_info")).isEqualTo(new AgentHandlerTimes.Combined("get_info", 5, 2.0, 6.0));
        assertThat(c.get("live_migration").count()).isEqualTo(3);
    }
}
