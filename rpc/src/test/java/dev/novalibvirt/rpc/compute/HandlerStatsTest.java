package dev.novalibvirt.rpc.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an agent says, at its stop, about how long it spent on each kind of message. */
class HandlerStatsTest {

    @Test
    void eachMethodGetsItsCountMedianP99AndMaximum() {
        HandlerStats stats = new HandlerStats();
        for (int ms = 1; ms <= 100; ms++) {
            stats.record("get_info", ms * 1_000_000L);
        }
        stats.record("live_migration", 2_500_000_000L);
        Map<String, HandlerStats.Summary> s = stats.summaries();
        assertThat(s.keySet()).containsExactly("get_info", "live_migration");
        assertThat(s.get("get_info")).isEqualTo(new HandlerStats.Summary("get_info", 100, 50.0, 99.0, 100.0));
        assertThat(s.get("get_info").line()).isEqualTo("handled get_info n=100 p50_ms=50.000 p99_ms=99.000"
                + " max_ms=100.000");
        assertThat(s.get("live_migration").p99Ms()).isEqualTo(2500.0);
    }

    @Test
    void namesNoAgentServesAreCountedTogether() {
        HandlerStats stats = new HandlerStats();
        stats.record("drop_all_tables", 1_000_000L);
        stats.record("get_info\nFAKE LOG LINE", 1_000_000L);
        assertThat(stats.summaries()).containsOnlyKeys(HandlerStats.UNKNOWN);
        assertThat(stats.summaries().get(HandlerStats.UNKNOWN).count()).isEqualTo(2);
    }

    @Test
    void onlyTheLatestSamplesAreKeptButAllAreCounted() {
        HandlerStats stats = new HandlerStats();
        for (int i = 0; i < HandlerStats.KEPT; i++) {
            stats.record("get_info", 900_000_000L);
        }
        for (int i = 0; i < HandlerStats.KEPT; i++) {
            stats.record("get_info", 1_000_000L);
        }
        HandlerStats.Summary s = stats.summaries().get("get_info");
        assertThat(s.count()).isEqualTo(2 * HandlerStats.KEPT);
        assertThat(s.maxMs()).as("the old slow ones are gone").isEqualTo(1.0);
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(HandlerStats.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(HandlerStats.percentile(new long[] {1, 2, 3, 4}, 0.50)).isEqualTo(2);
        assertThat(HandlerStats.percentile(new long[] {1, 2, 3, 4}, 0.99)).isEqualTo(4);
    }
}
