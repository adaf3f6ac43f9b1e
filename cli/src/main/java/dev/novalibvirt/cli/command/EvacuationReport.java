package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.progress.Units;
import dev.novalibvirt.migration.evacuate.EvacuationState;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How {@code evacuate HOST} ended: one row per guest that ran on HOST, in the evacuation's order. Exit code: 0 every
 * guest was rebuilt (or none ran), 4 one failed in its destination's spawn (it runs nowhere now; run the command
 * again, the journal resumes it), else 3 when some were refused (nothing was done for them).
 *
 * @param source        the dead host
 * @param destinations  the hosts the guests could be rebuilt on
 * @param fenceEntries  the blocklist entries this run added (empty when HOST was fenced already or nothing ran)
 * @param alreadyFenced whether HOST was fenced before this run
 * @param durationMs    wall time of the evacuation
 * @param guests        every guest's end
 * @param notRunning    the domains of HOST that were not running (left alone)
 * @param journal       the journal the evacuation recorded into, null when nothing ran
 */
record EvacuationReport(String source, List<String> destinations, List<String> fenceEntries, boolean alreadyFenced,
                        long durationMs, List<Guest> guests, List<String> notRunning, String journal)
        implements Report {

    /**
     * One guest's end.
     *
     * @param instance    the domain name
     * @param uuid        the instance uuid
     * @param state       {@code EvacuationState}: REBUILT, REFUSED, FAILED
     * @param destination where it was rebuilt (or was to be), null when none was chosen
     * @param durationMs  its rebuild's wall time, null when none ran
     * @param detail      why it was not rebuilt, or that an earlier run rebuilt it, else null
     */
    record Guest(String instance, String uuid, String state, String destination, Long durationMs, String detail) {
    }

    @Override
    public int exitCode() {
        if (guests.stream().anyMatch(g -> g.state().equals(EvacuationState.FAILED.name()))) {
            return ExitCodes.NEEDS_RECOVERY;
        }
        return guests.stream().allMatch(g -> g.state().equals(EvacuationState.REBUILT.name())) ? ExitCodes.OK
                : ExitCodes.ROLLED_BACK;
    }

    @Override
    public String toText() {
        StringBuilder t = new StringBuilder("Evacuation of ").append(source).append(" to ")
                .append(String.join(", ", destinations)).append(": ").append(counts()).append(" in ")
                .append(Units.duration(Duration.ofMillis(durationMs))).append(" (").append(fence()).append(")\n");
        if (!guests.isEmpty()) {
            Table table = Table.of("INSTANCE", "UUID", "STATE", "DESTINATION", "TIME", "DETAIL");
            for (Guest g : guests) {
                table.row(g.instance(), g.uuid(), g.state(), g.destination(),
                        g.durationMs() == null ? null : Units.duration(Duration.ofMillis(g.durationMs())), g.detail());
            }
            t.append(table.render());
        }
        if (!notRunning.isEmpty()) {
            t.append("not running, not rebuilt (their definitions stay on ").append(source).append("): ")
                    .append(String.join(", ", notRunning)).append('\n');
        }
        if (journal != null) {
            t.append("journal ").append(journal).append('\n');
            t.append("when ").append(source).append(" is back: evacuate ").append(source)
                    .append(" --cleanup --unfence (its stale copies go, never their disks)\n");
        }
        return t.toString();
    }

    private String fence() {
        if (alreadyFenced) {
            return source + " was fenced already";
        }
        return fenceEntries.isEmpty() ? "nothing fenced" : "fenced now: " + String.join(", ", fenceEntries);
    }

    /** {@code 3 guests: 2 REBUILT, 1 REFUSED}. */
    private String counts() {
        Map<EvacuationState, Long> byState = new EnumMap<>(EvacuationState.class);
        guests.forEach(g -> byState.merge(EvacuationState.valueOf(g.state()), 1L, Long::sum));
        String parts = byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return guests.size() + (guests.size() == 1 ? " guest" : " guests") + (parts.isEmpty() ? "" : ": " + parts);
    }
}
