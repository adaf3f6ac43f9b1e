package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.util.Objects;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * One live migration to run and monitor.
 *
 * @param source   the source host's connection (opened after {@code LibvirtEventLoop.start()} for events)
 * @param domain   the migrating domain on {@code source}
 * @param call     the migrate call, run on its own thread
 * @param settings the monitor settings
 * @param features the features the call was started with (post-copy flag, auto-converge)
 * @param dataGb   Nova's data size, see {@code MigrationDataSize.dataGb}
 * @param listener hears the migration's events
 */
public record MigrationRequest(Connect source, Domain domain, MigrationCall call, MonitorSettings settings,
                               MigrationFeatures features, double dataGb, MigrationListener listener) {
    public MigrationRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(features, "features");
        listener = listener == null ? MigrationListener.NONE : listener;
    }
}
