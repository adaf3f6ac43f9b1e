package dev.novalibvirt.rbdlibvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosingTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable part(String name, RuntimeException failure) {
        return () -> {
            closed.add(name);
            if (failure != null) {
                throw failure;
            }
        };
    }

    @Test
    void partsCloseInTheOrderGiven() {
        Closing.inOrder(List.of(part("driver", null), part("backend", null)));
        assertThat(closed).containsExactly("driver", "backend");
    }

    @Test
    void aFailingDriverStillLetsTheBackendCloseAndItsFailureIsTheOneThrown() {
        IllegalStateException driverFailed = new IllegalStateException("driver");
        IllegalStateException backendFailed = new IllegalStateException("backend");
        assertThatThrownBy(() -> Closing.inOrder(List.of(part("driver", driverFailed),
                part("backend", backendFailed))))
                .isSameAs(driverFailed).hasSuppressedException(backendFailed);
        assertThat(closed).containsExactly("driver", "backend");
    }
}
