package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.output.Redactor;
import java.time.Duration;
import java.util.Locale;

/**
 * The run as Markdown: the summary, the hosts (versions, and how each was reached: its libvirtd or its agent), the
 * agents' broker, one table row per check.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ConformanceResult r) {
        StringBuilder sb = new StringBuilder("# nova-libvirt conformance: ").append(cell(r.site())).append("\n\n");
        sb.append("**").append(r.summary()).append("**\n\n");
        sb.append("Config `").append(cell(r.config())).append("`, started ").append(r.started()).append(", guest `")
                .append(r.guestName()).append("` (").append(r.guestUuid()).append(")\n\n");
        sb.append("| host | role | libvirt URI | libvirt | QEMU | reached through |\n|---|---|---|---|---|---|\n");
        r.hosts().forEach(h -> sb.append("| ").append(cell(h.name())).append(" | ").append(h.role()).append(" | ")
                .append(h.uri() == null ? "none" : "`" + cell(h.uri()) + "`").append(" | ")
                .append(orUnknown(h.libvirt())).append(" | ").append(orUnknown(h.qemu())).append(" | ")
                .append(cell(h.reachedBy())).append(" |\n"));
        if (r.broker() != null) {
            sb.append("\nAgents: topic compute, exchange nova on `").append(cell(r.broker())).append("`\n");
        }
        sb.append("\nCeph: cluster ").append(orUnknown(r.cephCluster())).append(", client libraries ")
                .append(orUnknown(r.cephClient())).append("\n\n");
        sb.append("| check | kind | proves | result | time | detail |\n|---|---|---|---|---|---|\n");
        for (CheckResult c : r.checks()) {
            sb.append("| `").append(cell(c.id())).append("` | ").append(c.kind().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(cell(c.proves())).append(" | ").append(mark(c.status())).append(" | ")
                    .append(time(c.duration())).append(" | ").append(cell(c.detail())).append(" |\n");
        }
        return sb.toString();
    }

    static String mark(CheckResult.Status s) {
        return switch (s) {
            case PASSED -> "PASS";
            case FAILED -> "**FAIL**";
            case SKIPPED -> "skipped";
        };
    }

    static String time(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : ConformanceResult.seconds(d);
    }

    private static String orUnknown(String v) {
        return v == null ? "unknown" : cell(v);
    }

    /** A table cell: masked, one line, no column break, no inline markup. */
    private static String cell(String v) {
        return Redactor.clean(v == null ? "" : v).replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|")
                .replace("`", "'").replace("<", "&lt;").replace(">", "&gt;");
    }
}
