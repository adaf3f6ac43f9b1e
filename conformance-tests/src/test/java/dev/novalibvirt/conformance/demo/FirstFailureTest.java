package dev.novalibvirt.conformance.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's run fails, and so does its cleanup: the operator still reads why the run failed. */
class FirstFailureTest {
    final List<String> ran = new ArrayList<>();

    @Test
    void theRunsFailureIsThrownWithTheCleanupsSuppressedAndEveryCleanupStepRuns() {
        IllegalStateException hop = new IllegalStateException("hop 2: the guest's heartbeat stopped");
        IllegalStateException purge = new IllegalStateException("virsh undefine failed on host-b");
        FirstFailure f = new FirstFailure();
        f.failed(hop);
        List<String> leftovers = f.call(() -> {
            ran.add("cleanUp");
            throw purge;
        });
        f.run(() -> ran.add("close b"));
        f.run(() -> {
            ran.add("close a");
            throw new IllegalStateException("close a");
        });

        assertThat(leftovers).isNull();
        assertThat(ran).containsExactly("cleanUp", "close b", "close a");
        assertThatThrownBy(f::rethrow).isSameAs(hop);
        assertThat(hop.getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("virsh undefine failed on host-b", "close a");
    }

    @Test
    void aCleanupsFailureIsThrownWhenTheRunSucceededAndNothingWhenAllWent() {
        FirstFailure f = new FirstFailure();
        assertThat(f.call(() -> List.of("host-a: domain instance-00000001"))).hasSize(1);
        f.rethrow();

        AssertionError broken = new AssertionError("close b");
        f.run(() -> {
            throw broken;
        });
        assertThatThrownBy(f::rethrow).isSameAs(broken);
    }
}
