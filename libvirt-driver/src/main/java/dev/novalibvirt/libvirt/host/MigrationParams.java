package dev.novalibvirt.libvirt.host;

import java.util.Objects;

/**
 * What {@link Guest#migrate} hands to {@code virDomainMigrateToURI3}.
 *
 * @param connectionUri  the destination libvirtd ({@code dconnuri})
 * @param migrateUri     where QEMU streams to ({@code VIR_MIGRATE_PARAM_URI}); null lets libvirt choose
 * @param destinationXml the domain XML to start on the destination ({@code VIR_MIGRATE_PARAM_DEST_XML})
 * @param persistentXml  the definition to persist there ({@code VIR_MIGRATE_PARAM_PERSIST_XML})
 * @param bandwidthMib   the bandwidth cap in MiB/s, 0 = unlimited ({@code VIR_MIGRATE_PARAM_BANDWIDTH})
 * @param flags          {@code VIR_MIGRATE_*} bits
 */
public record MigrationParams(String connectionUri, String migrateUri, String destinationXml, String persistentXml,
                              long bandwidthMib, int flags) {
    public MigrationParams {
        Objects.requireNonNull(connectionUri, "connectionUri");
        Objects.requireNonNull(destinationXml, "destinationXml");
        Objects.requireNonNull(persistentXml, "persistentXml");
        if (bandwidthMib < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 MiB/s, got " + bandwidthMib);
        }
    }
}
