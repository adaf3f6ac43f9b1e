package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.port.Fencing;
import dev.novalibvirt.cli.port.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fence HOST [--expire 1h]}: blocklists every Ceph client of a host ({@code osd blocklist add IP:0/0}, rbd
 * fence's {@code HostFencer}), so a QEMU that is in fact still alive there can no longer write; do it before its
 * guests are evacuated. Acts as the admin identity ({@link AdminOptions}), not as nova.conf's rbd_user.
 */
@Command(name = "fence", mixinStandardHelpOptions = true, description = "Blocklist every Ceph client of a host (before evacuating it).")
final class FenceCommand extends CliCommand {
    @Parameters(paramLabel = "HOST", description = "the host: an IP address, or a name resolved here")
    String host;

    @Option(names = "--expire", paramLabel = "DURATION", defaultValue = "1h", converter = Expiry.class,
            description = "how long the entry lasts: 90s, 15m, 12h, 7d or PT1H (default: ${DEFAULT-VALUE}, Ceph's own default)")
    Duration expire = Duration.ofHours(1);

    @Mixin
    AdminOptions admin = new AdminOptions();

    FenceCommand(Services services) {
        super(services);
    }

    /** The entries added, one per address of the host. */
    record Result(String host, List<String> addresses, List<String> entries, long expireSeconds) implements Report {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }

        @Override
        public String toText() {
            Table t = Table.of("BLOCKLIST ENTRY", "EXPIRES IN");
            entries.forEach(e -> t.row(e, Duration.ofSeconds(expireSeconds).toString().substring(2).toLowerCase(Locale.ROOT)));
            return "Fenced " + host + ": every Ceph client on " + String.join(", ", addresses)
                    + " is blocklisted\n" + t.render();
        }
    }

    @Override
    Report execute(CliConfig config) {
        List<String> addresses = services.addresses(host);
        try (Fencing fencing = services.fencing(config.admin(admin.id, admin.keyring))) {
            List<String> entries = new ArrayList<>();
            for (String ip : addresses) {
                entries.add(fencing.fenceHost(ip, expire));
            }
            return new Result(host, addresses, List.copyOf(entries), expire.toSeconds());
        }
    }
}
