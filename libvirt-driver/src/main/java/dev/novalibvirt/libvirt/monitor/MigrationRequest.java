package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.libvirt.jna.DomainEvents;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.util.Objects;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * One live migration to monitor; its migrate call runs elsewhere (the driver's {@code MigrationExecutor}, or a
 * lab test's own thread).
 *
 * @param source   the source host's connection (opened after {@code LibvirtEventLoop.start()} for events)
 * @param domain   the migrating domain on {@code source}
 * @param events   subscribes the monitor to the domain's events; null = on {@code source} directly (a host's
 *                 {@code HostEvents} subscription survives reconnects)
 * @param settings the monitor settings
 * @param features the features the call was started with (post-copy flag, auto-converge)
 * @param dataGb   Nova's data size, see {@code MigrationDataSize.dataGb}
 * @param listener hears the migration's events
 * @param dirtyRate the dirty-rate calculation started (or to be started) before the migrate call, for the
 *                  convergence policy's prediction; null = none, the policy then decides from the passes alone
 * @param phases   hears how long the monitor's own phases took (event subscription, first look, the job's start,
 *                 the completion event's way to the outcome); null = nobody, the DEBUG lines only
 */
public record MigrationRequest(Connect source, Domain domain, MonitorSettings settings, MigrationFeatures features,
                               double dataGb, MigrationListener listener, EventSubscriber events,
                               DirtyRateCalc dirtyRate, PhaseListener phases) {

    /** A request whose phases nobody hears. */
    public MigrationRequest(Connect source, Domain domain, MonitorSettings settings, MigrationFeatures features,
                            double dataGb, MigrationListener listener, EventSubscriber events,
                            DirtyRateCalc dirtyRate) {
        this(source, domain, settings, features, dataGb, listener, events, dirtyRate, null);
    }

    /** A request without a dirty-rate calculation. */
    public MigrationRequest(Connect source, Domain domain, MonitorSettings settings, MigrationFeatures features,
                            double dataGb, MigrationListener listener, EventSubscriber events) {
        this(source, domain, settings, features, dataGb, listener, events, null);
    }

    /** Subscribes a listener to the migrating domain's job events; the result stops it. */
    @FunctionalInterface
    public interface EventSubscriber {
        AutoCloseable subscribe(DomainEvents.Listener listener);
    }

    /** A request whose events are subscribed on {@code source} itself. */
    public MigrationRequest(Connect source, Domain domain, MonitorSettings settings, MigrationFeatures features,
                            double dataGb, MigrationListener listener) {
        this(source, domain, settings, features, dataGb, listener, null, null);
    }

    /** The same request with the dirty-rate calculation of this migration. */
    public MigrationRequest withDirtyRate(DirtyRateCalc calc) {
        return new MigrationRequest(source, domain, settings, features, dataGb, listener, events, calc, phases);
    }

    /** The same request with {@code value} hearing the monitor's phases. */
    public MigrationRequest withPhases(PhaseListener value) {
        return new MigrationRequest(source, domain, settings, features, dataGb, listener, events, dirtyRate, value);
    }

    public MigrationRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(features, "features");
        listener = listener == null ? MigrationListener.NONE : listener;
        phases = phases == null ? PhaseListener.NONE : phases;
        Connect c = source;
        Domain d = domain;
        events = events != null ? events : l -> DomainEvents.subscribe(c, d, l);
    }
}
