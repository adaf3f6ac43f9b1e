package dev.novalibvirt.cli.port;

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

    @Override
    void close();
}
