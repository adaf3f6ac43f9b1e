package dev.novalibvirt.rbd.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.rbd.metrics.RbdMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every fencing action is counted with its result, through an in-memory monitor. */
class HostFencerMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeMon mon = new FakeMon();
    private final HostFencer fencer = new HostFencer(new CephBlocklist(mon), RbdMetrics.micrometer(registry));

    @Test
    void fenceClientsAndUnfenceAreCountedByActionAndResult() {
        fencer.fenceHost("198.18.0.13", Duration.ofMinutes(30));
        fencer.fenceClients(List.of(new ImageHolder(ImageHolder.Kind.WATCHER, "198.18.0.12:0/9", "client.8")),
                Duration.ofMinutes(5));
        assertThat(fencer.unfenceHost("198.18.0.13")).containsExactly("198.18.0.13:0/0");

        assertThat(count("fence-host", "success")).isEqualTo(1.0);
        assertThat(count("fence-clients", "success")).isEqualTo(1.0);
        assertThat(count("unfence-host", "success")).isEqualTo(1.0);
    }

    @Test
    void aRefusedFenceIsCountedAsAFailureAndStillThrown() {
        assertThatThrownBy(() -> fencer.fenceHost("198.18.0.13", Duration.ZERO)).isInstanceOf(FenceException.class);
        assertThat(count("fence-host", "FenceException")).isEqualTo(1.0);
        assertThat(mon.blocklist).isEmpty();
    }

    private double count(String action, String result) {
        return registry.get(RbdMetrics.FENCING).tags("action", action, "result", result).counter().count();
    }
}
