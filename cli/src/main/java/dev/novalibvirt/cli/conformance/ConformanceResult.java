package dev.novalibvirt.cli.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one conformance run found: against which site and versions, and every check's verdict in order.
 *
 * @param site        the site's name
 * @param config      the config file
 * @param started     when the run started
 * @param duration    how long it took
 * @param guestName   the run's short-lived guest
 * @param guestUuid   its uuid
 * @param hosts       both hosts with the versions they reported ({@code null} versions when unreachable)
 * @param cephCluster the cluster's release; {@code null} when it did not answer
 * @param cephClient  this machine's Ceph client release; {@code null} when unknown
 * @param checks      every check's verdict
 * @param broker      the agents' broker, its password masked; {@code null} when no host is reached through its agent
 */
public record ConformanceResult(String site, String config, Instant started, Duration duration, String guestName,
                               String guestUuid, List<HostRow> hosts, String cephCluster, String cephClient,
                               List<CheckResult> checks, String broker) {
    public ConformanceResult {
        hosts = List.copyOf(hosts);
        checks = List.copyOf(checks);
    }

    /** A run that reached every host at its libvirtd. */
    public ConformanceResult(String site, String config, Instant started, Duration duration, String guestName,
                             String guestUuid, List<HostRow> hosts, String cephCluster, String cephClient,
                             List<CheckResult> checks) {
        this(site, config, started, duration, guestName, guestUuid, hosts, cephCluster, cephClient, checks, null);
    }

    /**
     * One host of the run.
     *
     * @param uri     its libvirt URI; {@code null} for an agent host given none
     * @param libvirt its libvirt version; {@code null} when unknown
     * @param qemu    its QEMU version (from libvirtd, else from its agent); {@code null} when unknown
     * @param reached how the run reached it
     */
    public record HostRow(String role, String name, String uri, String libvirt, String qemu, SiteHost.Reach reached) {
        public HostRow {
            reached = reached == null ? SiteHost.Reach.LIBVIRT : reached;
        }

        /** A host reached at its libvirtd. */
        public HostRow(String role, String name, String uri, String libvirt, String qemu) {
            this(role, name, uri, libvirt, qemu, SiteHost.Reach.LIBVIRT);
        }

        /** How the run reached it, one line for the report. */
        public String reachedBy() {
            return reached.describe(name, uri);
        }
    }

    public long count(CheckResult.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /**
     * No check failed. A skip follows a failure, or names the libvirt URI a libvirt-only check needed (a host reached
     * through its agent only): the summary counts them, and the report says why each was skipped.
     */
    public boolean passed() {
        return count(CheckResult.Status.FAILED) == 0;
    }

    /** {@code PASS: 33 checks, 33 passed, 0 failed, 0 skipped in 41.2 s}. */
    public String summary() {
        return (passed() ? "PASS" : "FAIL") + ": " + checks.size() + " checks, " + count(CheckResult.Status.PASSED)
                + " passed, " + count(CheckResult.Status.FAILED) + " failed, " + count(CheckResult.Status.SKIPPED)
                + " skipped in " + seconds(duration);
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
