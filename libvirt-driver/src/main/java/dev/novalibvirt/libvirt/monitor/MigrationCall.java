package dev.novalibvirt.libvirt.monitor;

/**
 * The blocking migrate call the monitor watches, e.g. {@code domain.migrateToURI(dconnuri, params, flags)}
 * ({@code virDomainMigrateToURI3}); Nova's {@code _live_migration_operation}. It runs on its own thread.
 */
@FunctionalInterface
public interface MigrationCall {
    void migrate() throws Exception;
}
