package dev.novalibvirt.conformance.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.guest.GuestCounters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the demo words a hop's counters and sums its hops up. */
class HopSummaryTest {

    static HopRecord hop(int n, String from, String to, long hb0, long hb1, long io0, long io1, long downtimeMs,
                         List<String> serial, List<String> place) {
        return new HopRecord(n, from, to, true, "COMPLETED", Duration.ofMillis(2900), Duration.ofMillis(1800),
                downtimeMs, new GuestCounters(hb0, io0), new GuestCounters(hb1, io1), serial, place);
    }

    @Test
    void aHopAcrossWhichBothCountersWentOnWithoutAGapReadsAsSuch() {
        HopRecord h = hop(1, "a", "b", 12, 15, 11, 14, 41, List.of(), List.of());

        assertThat(HopSummary.continuity(h)).containsExactly("hb 12 -> 15", "io 11 -> 14 OK", "no gap");
        assertThat(h.ok()).isTrue();
    }

    @Test
    void whatTheSerialStreamShowedWrongReplacesTheNoGap() {
        HopRecord h = hop(2, "b", "a", 15, 19, 14, 18, 40, List.of("serial: disk counter has a gap: 15 -> 17"),
                List.of());

        assertThat(HopSummary.continuity(h)).containsExactly("hb 15 -> 19", "io 14 -> 18",
                "PROBLEM: serial: disk counter has a gap: 15 -> 17");
        assertThat(h.ok()).isFalse();
    }

    @Test
    void aHopThatDidNotCompleteSaysWhyAndNothingOfTheCounters() {
        HopRecord h = new HopRecord(1, "a", "b", false, "ROLLED_BACK, status error", Duration.ofSeconds(1),
                Duration.ZERO, -1, new GuestCounters(3, 2), new GuestCounters(3, 2), List.of(), List.of());

        assertThat(HopSummary.continuity(h)).containsExactly("not migrated: ROLLED_BACK, status error");
        assertThat(h.ok()).isFalse();
    }

    @Test
    void theTableHasAHopARowWithItsTimesDowntimeCountersAndVerdicts() {
        List<HopRecord> hops = List.of(hop(1, "a", "b", 5, 9, 4, 8, 41, List.of(), List.of()),
                hop(2, "b", "a", 9, 13, 8, 12, -1, List.of(), List.of("left on host-b (host-b: running, no instance dir)")));

        assertThat(HopSummary.table(hops)).isEqualTo(String.join("\n",
                "hop  route   took   live_migration  downtime  heartbeat  disk counter  serial  hosts + RBD",
                "1    a -> b  2.9 s  1.8 s           41 ms     5 -> 9     4 -> 8        no gap  OK",
                "2    b -> a  2.9 s  1.8 s           ?         9 -> 13    8 -> 12       no gap  WRONG", ""));
    }

    @Test
    void theTotalsAddTheHopsUpFromTheFirstStartToTheLastEnd() {
        List<HopRecord> hops = List.of(hop(1, "a", "b", 5, 9, 4, 8, 41, List.of(), List.of()),
                hop(2, "b", "a", 9, 13, 8, 12, 35, List.of(), List.of()),
                hop(3, "a", "b", 13, 17, 12, 16, 48, List.of(), List.of()),
                hop(4, "b", "a", 17, 21, 16, 20, -1, List.of(), List.of()));

        assertThat(HopSummary.totals(hops, 4))
                .isEqualTo("4/4 hops OK, 11.6 s in all, downtime 35-48 ms; heartbeat 5 -> 21, disk counter 4 -> 20");
        assertThat(HopSummary.totals(hops.subList(0, 1), 4))
                .isEqualTo("1/4 hops OK, 2.9 s in all, downtime 41 ms; heartbeat 5 -> 9, disk counter 4 -> 8");
        assertThat(HopSummary.totals(List.of(), 4)).isEqualTo("0/4 hops OK, 0 ms in all");
    }
}
