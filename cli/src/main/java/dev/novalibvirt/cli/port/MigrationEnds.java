package dev.novalibvirt.cli.port;

import dev.novalibvirt.core.config.NovaConfig;
import java.util.Objects;

/**
 * The two hosts of one {@code migrate}: each one's name, the libvirtd URI the CLI reaches it at, and the nova.conf
 * its driver is built from ({@code [DEFAULT] host} is the host's name).
 */
public record MigrationEnds(String sourceHost, String sourceUri, NovaConfig sourceConfig, String destinationHost,
                            String destinationUri, NovaConfig destinationConfig) {
    public MigrationEnds {
        Objects.requireNonNull(sourceHost, "sourceHost");
        Objects.requireNonNull(sourceUri, "sourceUri");
        Objects.requireNonNull(sourceConfig, "sourceConfig");
        Objects.requireNonNull(destinationHost, "destinationHost");
        Objects.requireNonNull(destinationUri, "destinationUri");
        Objects.requireNonNull(destinationConfig, "destinationConfig");
    }
}
