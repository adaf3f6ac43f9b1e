package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.progress.Units;
import dev.novalibvirt.migration.drain.GuestState;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How {@code drain HOST} ended: one row per guest that was running on HOST, in the drain's order. Exit code: 0 every
 * guest moved, 4 one needs recovery, else 3 when some did not move (each rolled back, refused or skipped: it is on
 * HOST and nothing is left to do, unless a rolled-back row's detail names its power state and remedy).
 *
 * @param source       the drained host
 * @param destinations the hosts the guests could go to
 * @param caps         the caps the drain ran under
 * @param durationMs   wall time of the drain
 * @param guests       every running guest's end
 * @param notRunning   the domains of HOST that do not run (not live-migrated; their definitions stay)
 * @param journal      the journal every migration recorded into, null when none ran
 */
record DrainReport(String source, List<String> destinations, Caps caps, long durationMs, List<Guest> guests,
                   List<String> notRunning, String journal) implements Report {

    /** The caps, as given to {@code HostDrain} (0 = no cap). */
    record Caps(int maxPerSource, int maxPerCluster, int maxInboundPerDestination) {
        String describe(String source) {
            return "at most " + (maxPerSource == 0 ? "any number" : String.valueOf(maxPerSource)) + " at once from "
                    + source + ", " + (maxPerCluster == 0 ? "no cluster cap" : maxPerCluster + " in the cluster")
                    + ", " + (maxInboundPerDestination == 0 ? "no inbound cap"
                    : maxInboundPerDestination + " into each destination");
        }
    }

    /**
     * One guest's end.
     *
     * @param instance    the domain name
     * @param uuid        the instance uuid
     * @param state       {@code GuestState}: COMPLETED, ROLLED_BACK, NEEDS_RECOVERY, REFUSED, SKIPPED
     * @param destination the host it was sent to, null when it was not started
     * @param host        the host that has it now (NEEDS_RECOVERY: last known)
     * @param status      Nova's migration status when rolled back (failed, cancelled), else null
     * @param durationMs  its task's wall time, null when no task ran
     * @param downtimeMs  libvirt's measured downtime of a completed one, else null
     * @param bytes       bytes transferred, null when unknown
     * @param migrationId the id its journal records carry, null when no task ran
     * @param detail      why it did not move (the refusal, the steps left), else null
     */
    record Guest(String instance, String uuid, String state, String destination, String host, String status,
                 Long durationMs, Long downtimeMs, Long bytes, String migrationId, String detail) {
    }

    @Override
    public int exitCode() {
        if (guests.stream().anyMatch(g -> g.state().equals(GuestState.NEEDS_RECOVERY.name()))) {
            return ExitCodes.NEEDS_RECOVERY;
        }
        return guests.stream().allMatch(g -> g.state().equals(GuestState.COMPLETED.name())) ? ExitCodes.OK
                : ExitCodes.ROLLED_BACK;
    }

    @Override
    public String toText() {
        StringBuilder t = new StringBuilder("Drain of ").append(source).append(" to ")
                .append(String.join(", ", destinations)).append(": ").append(counts()).append(" in ")
                .append(Units.duration(Duration.ofMillis(durationMs))).append(" (").append(caps.describe(source))
                .append(")\n");
        if (!guests.isEmpty()) {
            Table table = Table.of("INSTANCE", "UUID", "STATE", "DESTINATION", "NOW ON", "TIME", "DOWNTIME",
                    "TRANSFERRED", "DETAIL");
            for (Guest g : guests) {
                table.row(g.instance(), g.uuid(), g.status() == null ? g.state() : g.state() + " (" + g.status() + ")",
                        g.destination(), g.host(), ms(g.durationMs()), ms(g.downtimeMs()),
                        g.bytes() == null ? null : Units.bytes(g.bytes()), g.detail());
            }
            t.append(table.render());
        }
        if (!notRunning.isEmpty()) {
            t.append("not running, not live-migrated (their definitions stay on ").append(source).append("): ")
                    .append(String.join(", ", notRunning)).append('\n');
        }
        if (journal != null) {
            t.append("journal ").append(journal).append('\n');
        }
        return t.toString();
    }

    /** {@code 3 guests: 2 COMPLETED, 1 REFUSED}. */
    private String counts() {
        Map<GuestState, Long> byState = new EnumMap<>(GuestState.class);
        guests.forEach(g -> byState.merge(GuestState.valueOf(g.state()), 1L, Long::sum));
        String parts = byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return guests.size() + (guests.size() == 1 ? " guest" : " guests") + (parts.isEmpty() ? "" : ": " + parts);
    }

    private static String ms(Long millis) {
        return millis == null ? null : Units.duration(Duration.ofMillis(millis));
    }
}
