package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Percentiles of a bench's samples, nearest rank. */
class SamplesTest {

    @Test
    void percentilesAreNearestRank() {
        Samples s = new Samples();
        for (int i = 1; i <= 10; i++) {
            s.add(i);
        }
        assertThat(s.percentile(0.5)).isEqualTo(5.0);
        assertThat(s.percentile(0.99)).isEqualTo(10.0);
        assertThat(s.percentile(0.1)).isEqualTo(1.0);
        assertThat(new Samples().add(7).percentile(0.99)).isEqualTo(7.0);
        assertThatThrownBy(() -> s.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
