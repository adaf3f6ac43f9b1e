package dev.novalibvirt.cli.port;

import dev.novalibvirt.libvirt.host.SourceMigrationJob;

/**
 * The migration jobs of one libvirtd, for {@code migrate --abort} and {@code --force-complete} from a process other
 * than the one that started the migration (whose {@code LiveMigrationHandle} this process does not have).
 */
public interface RunningMigrations extends AutoCloseable {
    /** The connection URI. */
    String uri();

    /** The current job of {@code domain} ({@code NONE} when there is none). */
    MigrationJob job(String domain);

    /** {@code virDomainAbortJob}: libvirt cancels the outgoing migration; the guest keeps running here. */
    void abortJob(String domain);

    /** {@code virDomainSuspend}: the guest stops dirtying memory, so the copy converges. */
    void pause(String domain);

    /** Where the source domain is ({@code virDomainGetState} and its reason): running, paused, in post-copy... */
    SourceMigrationJob.Phase phase(String domain);

    /**
     * {@code virDomainMigrateStartPostCopy}: the guest runs on the destination from now on, its memory pulled from
     * the source; libvirt refuses it when the job was started without {@code VIR_MIGRATE_POSTCOPY}.
     */
    void startPostCopy(String domain);

    @Override
    void close();
}
