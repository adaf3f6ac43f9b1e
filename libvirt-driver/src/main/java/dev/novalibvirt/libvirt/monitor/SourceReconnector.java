package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.migration.monitor.GuestState;
import java.util.Optional;
import org.libvirt.Domain;

/**
 * Reaches the source libvirtd again after it went away mid-job, and asks the destination where the guest runs;
 * the driver implements it over its {@code Host} (reconnect with backoff) and the destination's URI.
 * Implementations never throw and return quickly.
 */
public interface SourceReconnector {

    /** The source answers again: {@code domain} is the migrating domain on the new connection, null if it vanished. */
    record Reconnected(Domain domain) {
    }

    /** One attempt; empty while the source is still away. */
    Optional<Reconnected> reconnect();

    /**
     * The guest's domain state on the destination ({@link GuestState#GONE} when it has none); empty when the
     * destination cannot say.
     */
    Optional<GuestState> destinationState();
}
