package dev.novalibvirt.cli.port;

/**
 * The job libvirtd runs for a domain ({@code virDomainGetJobInfo}), as seen from a process that did not start it.
 *
 * @param domain        the domain name
 * @param type          libvirt's job type: {@code NONE}, {@code BOUNDED}, {@code UNBOUNDED}, ...
 * @param elapsedMs     time since the job started
 * @param dataTotal     bytes to transfer in all (0 when libvirt does not know)
 * @param dataProcessed bytes transferred
 * @param dataRemaining bytes left
 */
public record MigrationJob(String domain, String type, long elapsedMs, long dataTotal, long dataProcessed,
                           long dataRemaining) {
    /** A job runs (an outgoing migration, on a source host: libvirt has no other long job on a running guest). */
    public boolean running() {
        return "BOUNDED".equals(type) || "UNBOUNDED".equals(type);
    }
}
