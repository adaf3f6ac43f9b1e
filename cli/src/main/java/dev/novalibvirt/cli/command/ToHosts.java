package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code --to HOST} hosts of {@code drain} and {@code evacuate}: plain host names, none twice, not the source. */
final class ToHosts {
    private ToHosts() {
    }

    /**
     * @param to     the {@code --to} values, in the order given
     * @param source the host being emptied
     * @param being  what happens to the source ({@code drained}, {@code evacuated}), for the refusal naming it
     * @return the host names, stripped, in the order given
     * @throws CliUsageException when a host is the source or is given twice
     * @throws dev.novalibvirt.core.exception.InvalidHostname when a value is not a plain host name
     */
    static List<String> of(List<String> to, String source, String being) {
        Set<String> seen = new LinkedHashSet<>();
        for (String d : to) {
            String name = MigrationUris.requireValidHostname(d.strip());
            if (name.equals(source)) {
                throw new CliUsageException("--to " + name + " is the host being " + being
                        + "; name other compute hosts");
            }
            if (!seen.add(name)) {
                throw new CliUsageException("--to " + name + " is given twice");
            }
        }
        return List.copyOf(seen);
    }
}
