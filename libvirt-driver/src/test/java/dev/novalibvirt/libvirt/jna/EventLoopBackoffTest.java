package dev.novalibvirt.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11: after an error the event loop waits, longer each time, instead of retrying at once. */
class EventLoopBackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void theScheduleDoublesUpToItsCap() {
        assertThat(List.of(1, 2, 3, 4, 6, 7, 50).stream().map(backoff::delay).map(Duration::toMillis).toList())
                .containsExactly(100L, 200L, 400L, 800L, 3200L, 5000L, 5000L);
    }

    @Test
    void failingPassesAreSpacedOutAndAGoodPassStartsOver() {
        List<Boolean> passes = new ArrayList<>(List.of(false, false, false, true, false));
        List<Long> slept = new ArrayList<>();
        LibvirtEventLoop.iterate(() -> {
            if (!passes.remove(0)) {
                throw new IllegalStateException("virEventRunDefaultImpl failed");
            }
        }, d -> slept.add(d.toMillis()), backoff, () -> !passes.isEmpty());
        assertThat(slept).containsExactly(100L, 200L, 400L, 100L);
    }
}
