package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.progress.Units;

/**
 * What {@code migrate INSTANCE --abort} or {@code --force-complete} did to the running migration job.
 *
 * @param action        {@code abort} or {@code force_complete}
 * @param instance      the domain name
 * @param uuid          the instance uuid
 * @param host          the source host the job runs on
 * @param uri           its libvirtd
 * @param done          what was done: {@code virDomainAbortJob}; for force-complete
 *                      {@code virDomainMigrateStartPostCopy}, {@code virDomainSuspend} (the guest paused) or
 *                      {@code none (already in post-copy)}
 * @param elapsedMs     how long the job had run
 * @param dataProcessed bytes transferred so far
 * @param dataRemaining bytes left
 * @param detail        what follows, for the operator
 */
record MigrationJobResult(String action, String instance, String uuid, String host, String uri, String done,
                          long elapsedMs, long dataProcessed, long dataRemaining, String detail) implements Report {
    @Override
    public int exitCode() {
        return ExitCodes.OK;
    }

    @Override
    public String toText() {
        return (action.equals("abort") ? "Aborted" : "Forced") + " the migration of " + instance + " (" + uuid
                + ") on " + host + " (" + done + ") after " + Units.duration(java.time.Duration.ofMillis(elapsedMs))
                + ", " + Units.bytes(dataProcessed) + " sent, " + Units.bytes(dataRemaining) + " left\n  " + detail
                + "\n";
    }
}
