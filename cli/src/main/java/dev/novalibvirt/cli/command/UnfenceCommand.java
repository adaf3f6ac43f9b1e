package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.Fencing;
import dev.novalibvirt.cli.port.Services;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code unfence HOST}: the host was repaired (its stale guests destroyed): removes every blocklist entry on its
 * addresses, the whole-host one and any per-client ones ({@code HostFencer.unfenceHost}). Acts as the admin identity.
 */
@Command(name = "unfence", mixinStandardHelpOptions = true, description = "Remove every blocklist entry of a repaired host.")
final class UnfenceCommand extends CliCommand {
    @Parameters(paramLabel = "HOST", description = "the host: an IP address, or a name resolved here")
    String host;

    @Mixin
    AdminOptions admin = new AdminOptions();

    UnfenceCommand(Services services) {
        super(services);
    }

    /** The entries removed (none when the host was not fenced). */
    record Result(String host, List<String> addresses, List<String> removed) implements Report {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }

        @Override
        public String toText() {
            return removed.isEmpty() ? host + " was not fenced: no blocklist entry on " + String.join(", ", addresses) + "\n"
                    : "Unfenced " + host + ": removed " + String.join(", ", removed) + "\n";
        }
    }

    @Override
    Report execute(CliConfig config) {
        List<String> addresses = services.addresses(host);
        try (Fencing fencing = services.fencing(config.admin(admin.id, admin.keyring))) {
            List<String> removed = new ArrayList<>();
            for (String ip : addresses) {
                removed.addAll(fencing.unfenceHost(ip));
            }
            return new Result(host, addresses, List.copyOf(removed));
        }
    }
}
