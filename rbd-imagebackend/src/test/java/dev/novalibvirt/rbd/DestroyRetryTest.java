package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.rbd.rados.RbdError;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestroyRetryTest {

    /** A volume whose remove() answers from a script of outcomes (null = success). */
    static final class ScriptedVolume implements DestroyRetry.Volume {
        final Deque<RuntimeException> script = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        ScriptedVolume then(RuntimeException outcome) {
            script.add(outcome == null ? new RuntimeException("ok") : outcome);
            return this;
        }

        @Override
        public void remove() {
            calls.add("remove");
            RuntimeException next = script.poll();
            if (next == null || "ok".equals(next.getMessage())) {
                return;
            }
            throw next;
        }

        @Override
        public void removeSnapshot(String snapshot) {
            calls.add("removeSnapshot " + snapshot);
        }
    }

    final List<Duration> slept = new ArrayList<>();
    final DestroyRetry retry = new DestroyRetry(3, Duration.ofSeconds(5), slept::add);

    static RbdError busy() {
        return RbdError.of("remove", -16, null);
    }

    @Test
    void aBusyImageIsRetriedUntilTheWatcherIsGone() {
        ScriptedVolume v = new ScriptedVolume().then(busy()).then(busy()).then(null);
        assertThat(retry.destroy("vms/x_disk", v)).isTrue();
        assertThat(v.calls).containsExactly("remove", "remove", "remove");
        assertThat(slept).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aStillBusyImageFailsAfterTheBoundedScheduleWithTheTypedError() {
        ScriptedVolume v = new ScriptedVolume().then(busy()).then(busy()).then(busy()).then(busy());
        assertThatThrownBy(() -> retry.destroy("vms/x_disk", v)).isInstanceOf(RbdError.ImageBusy.class);
        assertThat(v.calls).hasSize(4);
        assertThat(slept).hasSize(3);
    }

    @Test
    void theResizeSnapshotIsRemovedWhenTheImageHasSnapshots() {
        ScriptedVolume v = new ScriptedVolume().then(RbdError.of("remove", -39, null)).then(null);
        assertThat(retry.destroy("vms/x_disk", v)).isTrue();
        assertThat(v.calls).containsExactly("remove", "removeSnapshot nova-resize", "remove");
    }

    @Test
    void aMissingImageIsNotAnError() {
        ScriptedVolume v = new ScriptedVolume().then(RbdError.of("remove", -2, null));
        assertThat(retry.destroy("vms/x_disk", v)).isFalse();
        assertThat(slept).isEmpty();
    }

    @Test
    void otherErrorsPropagateAtOnce() {
        ScriptedVolume v = new ScriptedVolume().then(RbdError.of("remove", -5, null));
        assertThatThrownBy(() -> retry.destroy("vms/x_disk", v)).isInstanceOf(RbdError.class)
                .hasMessageContaining("EIO");
        assertThat(v.calls).hasSize(1);
    }
}
