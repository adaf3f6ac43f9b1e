package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import java.util.List;

/**
 * How {@code evacuate HOST --cleanup} ended: every guest the journal shows evacuated from HOST, whether its stale copy
 * was destroyed there (never its disk), and the fence entries lifted. Exit code 0 when no copy is left, else 1.
 *
 * @param host     the host that came back
 * @param guests   the evacuated guests, in the journal's order
 * @param unfenced the blocklist entries removed (empty without {@code --unfence}, or when a copy is left)
 * @param journal  the evacuation's journal
 */
record EvacuatedCleanupReport(String host, List<Guest> guests, List<String> unfenced, String journal)
        implements Report {

    /**
     * @param instance  the domain name
     * @param uuid      the instance uuid
     * @param rebuiltOn where the evacuation rebuilt it
     * @param destroyed whether a stale copy was found and destroyed
     * @param error     why its copy could not be destroyed, else null
     */
    record Guest(String instance, String uuid, String rebuiltOn, boolean destroyed, String error) {
    }

    @Override
    public int exitCode() {
        return guests.stream().allMatch(g -> g.error() == null) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Override
    public String toText() {
        StringBuilder t = new StringBuilder("Cleanup of ").append(host).append(": ").append(guests.size())
                .append(guests.size() == 1 ? " evacuated guest" : " evacuated guests").append(", ")
                .append(guests.stream().filter(Guest::destroyed).count()).append(" stale copies destroyed (disks kept)")
                .append('\n');
        if (!guests.isEmpty()) {
            Table table = Table.of("INSTANCE", "UUID", "REBUILT ON", "STALE COPY", "DETAIL");
            guests.forEach(g -> table.row(g.instance(), g.uuid(), g.rebuiltOn(),
                    g.error() != null ? "LEFT" : g.destroyed() ? "DESTROYED" : "none", g.error()));
            t.append(table.render());
        }
        t.append(unfenced.isEmpty() ? host + " stays fenced" : "unfenced: " + String.join(", ", unfenced)).append('\n');
        t.append("journal ").append(journal).append('\n');
        return t.toString();
    }
}
