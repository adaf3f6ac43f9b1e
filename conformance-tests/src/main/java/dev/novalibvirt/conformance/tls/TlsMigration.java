package dev.novalibvirt.conformance.tls;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.migration.flags.MigrationFlags;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.util.Locale;
import java.util.OptionalLong;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

/**
 * A peer-to-peer migration of a lab guest between two lab hosts exactly as the library's executor starts it for a
 * host's {@code [libvirt]} options: the flags of {@link MigrationFlags#forMigration} and the two URIs of
 * {@link MigrationUris#forMigration}, plain or with {@code live_migration_scheme = tls} and
 * {@code live_migration_with_native_tls = true}. Shared by the TLS tests and {@code ./lab bench tls}.
 */
public final class TlsMigration {
    /** libvirt's {@code VIR_DOMAIN_JOB_STATS_COMPLETED}: the stats of the job that just ended. */
    private static final int JOB_STATS_COMPLETED = 1;

    private TlsMigration() {
    }

    /** A host's [libvirt] options as an operator writes them (TCG, as the lab's busy guest runs), TLS or not. */
    public static LibvirtOptions options(boolean tls) {
        return NovaConfig.parse("[libvirt]\nvirt_type = qemu\n"
                + (tls ? "live_migration_scheme = tls\nlive_migration_with_native_tls = true\n" : "")).libvirt();
    }

    /** Migrates {@code d} to lab host {@code destLetter} (its address as Nova's inbound addr); blocks until done. */
    public static void migrate(LabEnv env, Domain d, LibvirtOptions options, String destLetter)
            throws LibvirtException {
        String h = "HOST_" + destLetter.toUpperCase(Locale.ROOT);
        MigrationUris uris = MigrationUris.forMigration(options, env.get(h + "_NAME"), env.get(h + "_IP"));
        MigrationFlags flags = MigrationFlags.forMigration(options, false, false, false);
        TypedParameter[] params = {new TypedStringParameter("migrate_uri", uris.migrateUri()),
                new TypedUlongParameter("bandwidth", 0)};
        d.migrateToURI(uris.connectionUri(), params, flags.bits());
    }

    /** The downtime (ms) libvirt recorded for the migration that brought {@code name} to {@code dest}. */
    public static OptionalLong downtimeMs(Connect dest, String name) throws LibvirtException {
        for (TypedParameter p : dest.domainLookupByName(name).getJobStats(JOB_STATS_COMPLETED).stats) {
            if (p.field.equals("downtime")) {
                return OptionalLong.of(Long.parseLong(p.getValueAsString()));
            }
        }
        return OptionalLong.empty();
    }
}
