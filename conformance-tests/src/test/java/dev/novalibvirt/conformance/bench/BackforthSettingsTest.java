package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The back-and-forth soak's arguments, its samplers and its sampled trends, without the lab. */
class BackforthSettingsTest {

    @Test
    void theDefaultIsTwoGuestsOf200HopsOneOfThemBusySampledAbout40Times() {
        BackforthSettings s = BackforthSettings.parse();

        assertThat(s).isEqualTo(new BackforthSettings(200, 2, 10, 20, true));
        assertThat(s.totalHops()).isEqualTo(400);
        assertThat(s.isBusy(0)).isFalse();
        assertThat(s.isBusy(1)).isTrue();
    }

    @Test
    void theLeadsFastRunSamplesEveryHopAndWarmsUpForAThird() {
        assertThat(BackforthSettings.parse("6")).isEqualTo(new BackforthSettings(6, 2, 1, 4, true));
        assertThat(BackforthSettings.parse("50", "-", "5", "boot"))
                .isEqualTo(new BackforthSettings(50, 2, 5, 20, false));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> BackforthSettings.parse("0")).hasMessageContaining("HOPS");
        assertThatThrownBy(() -> BackforthSettings.parse("ten")).hasMessageContaining("HOPS must be a whole number");
        assertThatThrownBy(() -> BackforthSettings.parse("10", "5")).hasMessageContaining("GUESTS must be 1..4");
        assertThatThrownBy(() -> BackforthSettings.parse("10", "2", "0")).hasMessageContaining("EVERY");
        assertThatThrownBy(() -> BackforthSettings.parse("10", "2", "1", "kvm")).hasMessageContaining("SECOND");
    }

    @Test
    void theSamplesAreJudgedPerResourceWithTheStatedTolerances() {
        List<ProcessSample> samples = List.of(new ProcessSample(0, 30, 40, 200 * 1024, 10 * 1024),
                new ProcessSample(20, 44, 60, 300 * 1024, 20 * 1024),
                new ProcessSample(30, 45, 61, 301 * 1024, 20 * 1024),
                new ProcessSample(40, 44, 60, 340 * 1024, 21 * 1024));

        List<Flatness.Trend> trends = BackforthBench.trends(samples, 20);

        assertThat(trends).extracting(Flatness.Trend::resource).containsExactly("threads", "fds", "rss", "heap");
        assertThat(trends).extracting(Flatness.Trend::allowed).containsExactly(4.0, 8.0, 32.0, 16.0);
        assertThat(trends).extracting(Flatness.Trend::verdict).containsExactly("yes", "yes", "no", "yes");
        assertThat(trends.get(2).first()).isEqualTo(300);
        assertThat(trends.get(2).last()).isEqualTo(340);
    }

    @Test
    void theSamplerTakesABaselineAndThenEveryNthHopOfAllGuests() {
        BackforthBench.Sampler sampler = new BackforthBench.Sampler(3);
        sampler.baseline();
        for (int i = 0; i < 7; i++) {
            sampler.hopDone();
        }

        assertThat(sampler.samples()).extracting(ProcessSample::hop).containsExactly(0, 3, 6);
        assertThat(sampler.hops()).isEqualTo(7);
        assertThat(sampler.samples().get(0).threads()).isPositive();
        assertThat(sampler.samples().get(0).fds()).isPositive();
        assertThat(sampler.samples().get(0).rssKib()).isPositive();
    }
}
