package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.rbd.metrics.RbdMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The driver's operations are timed with their result; refused input never reaches the cluster (none here). */
class RbdDriverMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aRefusedCreateIsTimedWithItsExceptionAsTheResult() {
        try (RbdDriver rbd = new RbdDriver(RbdConfig.builder(Path.of("/nonexistent/ceph.conf"), "cinder").build(),
                RbdMetrics.micrometer(registry))) {
            assertThatThrownBy(() -> rbd.create("vms", "../etc", 1 << 20)).isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> rbd.createSnapshot("vms", "disk", "", true)).isInstanceOf(InvalidInput.class);
        }
        Timer create = registry.get(RbdMetrics.OPERATIONS).tag("op", "create").timer();
        assertThat(create.count()).isEqualTo(1);
        assertThat(create.getId().getTag("result")).isEqualTo("InvalidInput");
        assertThat(registry.get(RbdMetrics.OPERATIONS).tag("op", "snap_create").timer().count()).isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                .extracting(t -> t.getKey()).containsExactlyInAnyOrder("op", "result"));
    }
}
