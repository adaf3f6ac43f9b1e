package dev.novalibvirt.libvirt.host;

import java.util.Objects;

/**
 * What {@link Guest#migrate} hands to {@code virDomainMigrateToURI3}.
 *
 * @param connectionUri       the destination libvirtd ({@code dconnuri})
 * @param migrateUri          where QEMU streams to ({@code VIR_MIGRATE_PARAM_URI}); null lets libvirt choose
 * @param destinationXml      the domain XML to start on the destination ({@code VIR_MIGRATE_PARAM_DEST_XML})
 * @param persistentXml       the definition to persist there ({@code VIR_MIGRATE_PARAM_PERSIST_XML})
 * @param bandwidthMib        the bandwidth cap in MiB/s, 0 = unlimited ({@code VIR_MIGRATE_PARAM_BANDWIDTH})
 * @param flags               {@code VIR_MIGRATE_*} bits
 * @param parallelConnections {@code live_migration_parallel_connections}: passed as
 *                            {@code VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS} only when above 1, as Nova's
 *                            {@code Guest.migrate(parallel=...)} does (the PARALLEL flag is set exactly then)
 */
public record MigrationParams(String connectionUri, String migrateUri, String destinationXml, String persistentXml,
                              long bandwidthMib, int flags, int parallelConnections) {
    public MigrationParams {
        Objects.requireNonNull(connectionUri, "connectionUri");
        Objects.requireNonNull(destinationXml, "destinationXml");
        Objects.requireNonNull(persistentXml, "persistentXml");
        if (bandwidthMib < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 MiB/s, got " + bandwidthMib);
        }
        if (parallelConnections < 0) {
            throw new IllegalArgumentException("parallel connections must be >= 0, got " + parallelConnections);
        }
    }

    /** Parameters with one connection (no parallel-connections parameter). */
    public MigrationParams(String connectionUri, String migrateUri, String destinationXml, String persistentXml,
                           long bandwidthMib, int flags) {
        this(connectionUri, migrateUri, destinationXml, persistentXml, bandwidthMib, flags, 1);
    }

    /** Whether {@code VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS} is passed: Nova's {@code if parallel > 1}. */
    public boolean passesParallelConnections() {
        return parallelConnections > 1;
    }
}
