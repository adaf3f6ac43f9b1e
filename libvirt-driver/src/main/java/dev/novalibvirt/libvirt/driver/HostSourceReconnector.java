package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.HypervisorUnavailable;
import dev.novalibvirt.libvirt.host.LibvirtGuest;
import dev.novalibvirt.libvirt.monitor.SourceReconnector;
import dev.novalibvirt.migration.monitor.GuestState;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's way back to a source libvirtd that went away mid-job, over the driver's {@link Host} (which
 * reconnects with backoff), and its question to the destination, asked over the migration's own connection URI:
 * the source libvirtd connects there from this host for a peer-to-peer migration, so this host can too.
 */
final class HostSourceReconnector implements SourceReconnector {
    private static final Logger LOG = LoggerFactory.getLogger(HostSourceReconnector.class);

    private final Host source;
    private final String domainName;
    private final String destinationUri;
    private final Function<String, Host> opener;

    HostSourceReconnector(Host source, String domainName, String destinationUri, Function<String, Host> opener) {
        this.source = source;
        this.domainName = domainName;
        this.destinationUri = destinationUri;
        this.opener = opener;
    }

    @Override
    public Optional<Reconnected> reconnect() {
        try {
            Optional<Guest> g = source.findGuest(domainName); // reconnects when an attempt is due
            return Optional.of(new Reconnected(g.map(LibvirtGuest::domainOf).orElse(null)));
        } catch (HypervisorUnavailable e) {
            LOG.debug("{}: source still away: {}", domainName, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.info("{}: source answers, but not about the domain: {}", domainName, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<GuestState> destinationState() {
        if (destinationUri == null) {
            return Optional.empty();
        }
        try (Host dest = opener.apply(destinationUri)) {
            return Optional.of(dest.findGuest(domainName).map(g -> stateOf(g.info().state()))
                    .orElse(GuestState.GONE));
        } catch (RuntimeException e) {
            LOG.info("{}: the destination {} cannot say where the guest runs: {}", domainName, destinationUri,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The destination domain's state as the monitor reads one: paused stays paused (an incoming domain still in
     * libvirt's Prepare phase, or one paused by a failed post-copy), so only a running guest proves the handover.
     */
    static GuestState stateOf(PowerState state) {
        return switch (state) {
            case RUNNING -> GuestState.RUNNING;
            case PAUSED -> GuestState.PAUSED;
            case SHUTDOWN, CRASHED -> GuestState.SHUTOFF;
            default -> GuestState.OTHER;
        };
    }
}
