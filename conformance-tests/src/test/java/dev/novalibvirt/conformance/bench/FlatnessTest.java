package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The soak's flatness judge: a fitted line from the warm-up on, against a tolerance. */
class FlatnessTest {
    /** Samples every 10 hops up to 400. */
    private static List<Flatness.Point> every10(IntToDoubleFunction value) {
        List<Flatness.Point> points = new ArrayList<>();
        for (int hop = 0; hop <= 400; hop += 10) {
            points.add(new Flatness.Point(hop, value.applyAsDouble(hop)));
        }
        return points;
    }

    @Test
    void growthBeforeTheWarmUpIsNotHeldAgainstTheRun() {
        // class loading and JIT: 200 -> 300 MiB in the first 20 hops, flat after
        Flatness.Trend t = Flatness.judge("rss", "MiB", every10(hop -> hop < 20 ? 200 + 5 * hop : 300), 20, 32);

        assertThat(t.samples()).isEqualTo(39);
        assertThat(t.growth()).isCloseTo(0, within(1e-9));
        assertThat(t.verdict()).isEqualTo("yes");
    }

    @Test
    void aSmallLeakPerHopLiftsTheLineOverTheTolerance() {
        // 100 KiB per hop: 38 MiB over hops 20..400
        Flatness.Trend t = Flatness.judge("rss", "MiB", every10(hop -> 300 + hop * 0.1), 20, 32);

        assertThat(t.growth()).isCloseTo(38, within(1e-6));
        assertThat(t.flat()).isFalse();
        assertThat(t.verdict()).isEqualTo("no");
    }

    @Test
    void samplesThatJitterWithTheOtherGuestsMigrationStayFlat() {
        // one sample in two is taken while the other guest's migration holds 3 more threads
        Flatness.Trend t = Flatness.judge("threads", "", every10(hop -> hop % 20 == 0 ? 40 : 43), 20, 4);

        assertThat(t.flat()).isTrue();
        assertThat(Math.abs(t.growth())).isLessThan(1);
        assertThat(t.first()).isEqualTo(40);
        assertThat(t.last()).isEqualTo(40);
    }

    @Test
    void tooFewSamplesAfterTheWarmUpAreNotJudged() {
        Flatness.Trend t = Flatness.judge("fds", "", List.of(new Flatness.Point(0, 50), new Flatness.Point(25, 51),
                new Flatness.Point(30, 90)), 20, 8);

        assertThat(t.judged()).isFalse();
        assertThat(t.verdict()).isEqualTo("n/a");
        assertThat(Flatness.judge("fds", "", List.of(), 20, 8).samples()).isZero();
    }

    @Test
    void theSoakIsFlatOnlyWhenEveryResourceIs() {
        Flatness.Trend flat = Flatness.judge("threads", "", every10(hop -> 40), 20, 4);
        Flatness.Trend leak = Flatness.judge("fds", "", every10(hop -> 50 + hop / 10), 20, 8);
        Flatness.Trend unjudged = Flatness.judge("rss", "MiB", List.of(), 20, 32);

        assertThat(Flatness.overall(List.of(flat, flat))).isEqualTo("yes");
        assertThat(Flatness.overall(List.of(flat, leak, unjudged))).isEqualTo("no");
        assertThat(Flatness.overall(List.of(flat, unjudged))).isEqualTo("n/a");
        assertThatThrownBy(() -> Flatness.judge("rss", "MiB", List.of(), 20, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rss");
    }
}
