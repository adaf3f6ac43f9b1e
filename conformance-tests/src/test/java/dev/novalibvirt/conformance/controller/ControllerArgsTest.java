package dev.novalibvirt.conformance.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InvalidInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parent tells a crashing controller to migrate, through its command line. */
class ControllerArgsTest {
    private static final Instance GUEST = new Instance("6c1d7e52-0c5b-4a4e-9d0e-3f1b2a7c9e11",
            "contract-faults-6c1d7e52", 64, 1, 1, "base-image-id");

    @Test
    void theChildReadsWhatTheParentPassed() {
        ControllerArgs args = new ControllerArgs(Path.of("/tmp/faults/x.journal"), GUEST, 0);
        assertThat(ControllerArgs.parse(args.argv().toArray(String[]::new))).isEqualTo(args);
        ControllerArgs capped = new ControllerArgs(Path.of("j"), new Instance(GUEST.uuid(), GUEST.name(), 128, 2, 0,
                null), 1);
        assertThat(ControllerArgs.parse(capped.argv().toArray(String[]::new))).as("volume-backed, 1 MiB/s")
                .isEqualTo(capped);
    }

    @Test
    void aMissingOrMalformedArgumentIsNamed() {
        assertThatThrownBy(() -> ControllerArgs.parse("journal", GUEST.uuid(), GUEST.name(), "base"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("takes 8 arguments")
                .hasMessageContaining("got 4").hasMessageContaining("bandwidth MiB/s");
        List<String> argv = new ArrayList<>(new ControllerArgs(Path.of("j"), GUEST, 0).argv());
        argv.set(7, "fast");
        assertThatThrownBy(() -> ControllerArgs.parse(argv.toArray(String[]::new))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("argument 8 (bandwidth MiB/s) 'fast': expected a whole number");
        assertThatThrownBy(() -> new ControllerArgs(Path.of("j"), GUEST, -1)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("-1 MiB/s");
    }
}
