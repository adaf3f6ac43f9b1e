package dev.novalibvirt.libvirt.monitor;

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

    /** Whether the guest is active on the destination; empty when the destination cannot say. */
    Optional<Boolean> runningOnDestination();
}
