package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The soak's hop statistics and its reading of /proc/self/status. */
class SamplesAndStatusTest {

    @Test
    void p95IsTheNearestRank() {
        Samples s = new Samples();
        for (int i = 1; i <= 100; i++) {
            s.add(i);
        }
        assertThat(s.p95()).isEqualTo(95);
        assertThat(new Samples().add(7).p95()).isEqualTo(7);
        assertThat(new Samples().add(1).add(2).add(30).p95()).isEqualTo(30);
    }

    @Test
    void addAllJoinsTwoGuestsHops() {
        Samples all = new Samples().add(1).addAll(new Samples().add(2).add(3));

        assertThat(all.count()).isEqualTo(3);
        assertThat(all.median()).isEqualTo(2);
    }

    @Test
    void readsThreadsAndRssFromProcStatus() {
        String status = "Name:\tjava\nVmRSS:\t  412345 kB\nRssAnon:\t  300000 kB\nThreads:\t57\n";

        assertThat(ProcessSample.statusField(status, "VmRSS")).isEqualTo(412345);
        assertThat(ProcessSample.statusField(status, "Threads")).isEqualTo(57);
        assertThat(ProcessSample.statusField(status, "VmSwap")).isEqualTo(-1);
    }
}
