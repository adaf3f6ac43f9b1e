package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.conformance.CheckResult;
import dev.novalibvirt.cli.conformance.ConformanceResult;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code conformance run} prints: the summary, the versions, one row per check, the report files. Exit code 0
 * when no check failed, else 1.
 *
 * @param site        the site's name
 * @param config      the config file
 * @param result      {@code PASS} or {@code FAIL}
 * @param total       checks in all
 * @param passed      those that passed
 * @param failed      those that failed
 * @param skipped     those skipped (an earlier check they need failed)
 * @param durationMs  the run's time
 * @param guest       the run's short-lived guest
 * @param hosts       both hosts, their versions and how each was reached
 * @param broker      the agents' broker, its password masked; null when no host is reached through its agent
 * @param cephCluster the cluster's release
 * @param cephClient  this machine's Ceph client release
 * @param checks      every check
 * @param reports     the files written
 */
record ConformanceRunReport(String site, String config, String result, int total, long passed, long failed,
                            long skipped, long durationMs, Guest guest, List<Host> hosts, String broker,
                            String cephCluster, String cephClient, List<Check> checks, Files reports)
        implements Report {

    /** The run's guest. */
    record Guest(String name, String uuid) {
    }

    /**
     * One host.
     *
     * @param uri       its libvirt URI; null for an agent host given none
     * @param via       {@code libvirt}, {@code agent} or {@code agent_and_libvirt}
     * @param reachedBy the same in words, as the report says it
     */
    record Host(String role, String name, String uri, String libvirt, String qemu, String via, String reachedBy) {
    }

    /** One check. */
    record Check(String id, String kind, String proves, String status, String detail, long durationMs) {
    }

    /** The report files. */
    record Files(String markdown, String html, String junit) {
    }

    static ConformanceRunReport of(ConformanceResult r, List<Path> files) {
        return new ConformanceRunReport(r.site(), r.config(), r.passed() ? "PASS" : "FAIL", r.checks().size(),
                r.count(CheckResult.Status.PASSED), r.count(CheckResult.Status.FAILED),
                r.count(CheckResult.Status.SKIPPED), r.duration().toMillis(), new Guest(r.guestName(), r.guestUuid()),
                r.hosts().stream().map(h -> new Host(h.role(), h.name(), h.uri(), h.libvirt(), h.qemu(),
                        lower(h.reached()), h.reachedBy())).toList(),
                r.broker(), r.cephCluster(), r.cephClient(),
                r.checks().stream().map(c -> new Check(c.id(), lower(c.kind()), c.proves(), c.status().name(),
                        c.detail(), c.duration().toMillis())).toList(),
                new Files(files.get(0).toString(), files.get(1).toString(), files.get(2).toString()));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int exitCode() {
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(result).append(": ").append(total).append(" checks, ").append(passed)
                .append(" passed, ").append(failed).append(" failed, ").append(skipped).append(" skipped in ")
                .append(String.format(Locale.ROOT, "%.1f s", durationMs / 1000.0)).append(" (site ").append(site)
                .append(", guest ").append(guest.name()).append(")\n");
        // a host reached at its libvirtd reads as before agents: its URI in brackets
        hosts.forEach(h -> sb.append(h.role()).append(' ').append(h.name()).append(" (")
                .append(h.via().equals("libvirt") ? h.uri() : h.reachedBy()).append("): libvirt ")
                .append(known(h.libvirt())).append(", QEMU ").append(known(h.qemu())).append('\n'));
        if (broker != null) {
            sb.append("Agents: topic compute on ").append(broker).append('\n');
        }
        sb.append("Ceph: cluster ").append(known(cephCluster)).append(", client ").append(known(cephClient))
                .append('\n');
        Table t = Table.of("CHECK", "KIND", "RESULT", "TIME", "DETAIL");
        checks.forEach(c -> t.row(c.id(), c.kind(), c.status(), c.durationMs() + " ms", c.detail()));
        sb.append(t.render());
        return sb.append("reports: ").append(reports.markdown()).append(", ").append(reports.html()).append(", ")
                .append(reports.junit()).append('\n').toString();
    }

    private static String known(String v) {
        return v == null ? "unknown" : v;
    }
}
