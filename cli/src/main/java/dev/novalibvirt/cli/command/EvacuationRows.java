package dev.novalibvirt.cli.command;

import dev.novalibvirt.migration.evacuate.EvacuationOutcome;
import dev.novalibvirt.migration.evacuate.EvacuationResult;
import dev.novalibvirt.migration.evacuate.GuestEvacuation;
import java.util.ArrayList;
import java.util.List;

/** The {@link EvacuationReport} of an {@code EvacuationResult}: a row per guest, then the CLI's own refusals. */
final class EvacuationRows {
    private EvacuationRows() {
    }

    static EvacuationReport report(EvacuationResult result, EvacuationGuests guests, List<String> destinations,
                                   String journal) {
        List<EvacuationReport.Guest> rows = new ArrayList<>();
        for (GuestEvacuation g : result.guests()) {
            rows.add(row(g, guests.names().getOrDefault(g.uuid(), g.name())));
        }
        rows.addAll(guests.refused());
        return new EvacuationReport(result.source(), destinations, result.fenceEntries(), result.alreadyFenced(),
                result.total().toMillis(), rows, guests.notRunning(), journal);
    }

    private static EvacuationReport.Guest row(GuestEvacuation g, String name) {
        EvacuationOutcome o = g.outcome();
        if (o instanceof EvacuationOutcome.Rebuilt r) {
            String detail = r.earlierRun() ? (r.took().isZero() ? "rebuilt by an earlier run"
                    : "resumed from an earlier run") : null;
            return new EvacuationReport.Guest(name, g.uuid(), g.state().name(), r.destination(), r.took().toMillis(),
                    detail);
        }
        String detail = o instanceof EvacuationOutcome.Refused r
                ? r.refusal().getClass().getSimpleName() + ": " + CliCommand.oneLine(r.refusal())
                : ((EvacuationOutcome.Failed) o).error().getClass().getSimpleName() + ": "
                + CliCommand.oneLine(((EvacuationOutcome.Failed) o).error());
        return new EvacuationReport.Guest(name, g.uuid(), g.state().name(), g.destination(), null, detail);
    }
}
