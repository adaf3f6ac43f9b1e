package dev.novalibvirt.rbd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RbdMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RbdMetrics metrics = RbdMetrics.micrometer(registry);

    @Test
    void aTimedOperationRecordsItsDurationAndSuccess() {
        assertThat(metrics.timed("clone", () -> {
            sleepMs(5);
            return "vms/disk";
        })).isEqualTo("vms/disk");
        Timer t = registry.get(RbdMetrics.OPERATIONS).tags("op", "clone", "result", "success").timer();
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void aFailedOperationIsRethrownAndTaggedWithItsExceptionsName() {
        assertThatThrownBy(() -> metrics.timedRun("remove", () -> {
            throw new IllegalStateException("image busy");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(registry.get(RbdMetrics.OPERATIONS).tags("op", "remove", "result", "IllegalStateException")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void noneRunsTheBodyAndRecordsNothing() {
        assertThat(RbdMetrics.none().timed("open", () -> 42)).isEqualTo(42);
        assertThat(RbdMetrics.none().counted("fence-host", () -> "x")).isEqualTo("x");
        assertThat(registry.getMeters()).isEmpty();
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
