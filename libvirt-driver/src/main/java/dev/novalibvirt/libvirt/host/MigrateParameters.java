package dev.novalibvirt.libvirt.host;

import java.util.ArrayList;
import java.util.List;
import org.libvirt.Domain.DomainMigrateParameters;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

/**
 * The typed parameters of {@code virDomainMigrateToURI3} for {@link MigrationParams}, as Nova's
 * {@code Guest.migrate} fills its {@code params} dict: {@code migrate_uri} when set, {@code destination_xml} and
 * {@code persistent_xml}, {@code bandwidth}, and {@code parallel.connections} only with more than one connection.
 * Apart from {@link LibvirtGuest} so that the list can be tested without a libvirt connection.
 */
final class MigrateParameters {
    private MigrateParameters() {
    }

    static List<TypedParameter> of(MigrationParams params) {
        List<TypedParameter> typed = new ArrayList<>(5);
        if (params.migrateUri() != null) {
            typed.add(new TypedStringParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_URI, params.migrateUri()));
        }
        typed.add(new TypedStringParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_DEST_XML,
                params.destinationXml()));
        typed.add(new TypedStringParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_PERSIST_XML,
                params.persistentXml()));
        typed.add(new TypedUlongParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_BANDWIDTH,
                params.bandwidthMib()));
        if (params.passesParallelConnections()) {
            // libvirt declares parallel.connections as VIR_TYPED_PARAM_INT
            typed.add(new TypedIntParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS,
                    params.parallelConnections()));
        }
        return typed;
    }
}
