package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.core.exception.InvalidHostname;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator names the hosts compute-1's guests may go to, with {@code --to}, for a drain or an evacuation. */
class ToHostsTest {
    @Test
    void theHostsComeBackStrippedInTheOrderGiven() {
        assertThat(ToHosts.of(List.of(" compute-3", "compute-2 "), "compute-1", "drained"))
                .containsExactly("compute-3", "compute-2");
    }

    @Test
    void theSourceItselfOrAHostGivenTwiceIsRefusedNamingIt() {
        assertThatThrownBy(() -> ToHosts.of(List.of("compute-2", "compute-1"), "compute-1", "evacuated"))
                .isInstanceOf(CliUsageException.class)
                .hasMessage("--to compute-1 is the host being evacuated; name other compute hosts");
        assertThatThrownBy(() -> ToHosts.of(List.of("compute-2", "compute-2"), "compute-1", "drained"))
                .isInstanceOf(CliUsageException.class).hasMessage("--to compute-2 is given twice");
    }

    @Test
    void aValueThatIsNoPlainHostNameIsRefused() {
        assertThatThrownBy(() -> ToHosts.of(List.of("compute-2;reboot"), "compute-1", "drained"))
                .isInstanceOf(InvalidHostname.class);
    }
}
