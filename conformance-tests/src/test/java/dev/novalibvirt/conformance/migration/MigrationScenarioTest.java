package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of a scenario's cleanup, without a lab: a scenario that built nothing has only the test's closers. */
class MigrationScenarioTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable closer(String name) {
        return () -> closed.add(name);
    }

    @Test
    void theTestsLeftoversCloseBeforeItsLocksEachInReverseOrder() throws Exception {
        MigrationScenario scenario = new MigrationScenario(null);
        scenario.closeLast(closer("lock"));
        scenario.closeAfterCleanup(closer("secret"));
        scenario.closeAfterCleanup(closer("bridge"));
        scenario.closeLast(closer("inner lock"));

        scenario.cleanUp();

        assertThat(closed).containsExactly("bridge", "secret", "inner lock", "lock");
    }

    @Test
    void aFailingCloserKeepsNoOtherFromRunningAndTheFirstFailureIsThrownWithTheOthersSuppressed() {
        MigrationScenario scenario = new MigrationScenario(null);
        scenario.closeLast(closer("lock"));
        scenario.closeLast(() -> {
            throw new IllegalStateException("second");
        });
        scenario.closeAfterCleanup(() -> {
            throw new java.io.IOException("first");
        });

        assertThatThrownBy(scenario::cleanUp).isInstanceOf(java.io.IOException.class).hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("second"));
        assertThat(closed).as("the lock is released all the same").containsExactly("lock");
    }
}
