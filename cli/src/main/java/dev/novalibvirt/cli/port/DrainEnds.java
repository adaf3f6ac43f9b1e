package dev.novalibvirt.cli.port;

import dev.novalibvirt.core.config.NovaConfig;
import java.util.List;
import java.util.Objects;

/**
 * The hosts of one {@code drain}: the host emptied and the hosts its guests may go to, each with the libvirtd URI the
 * CLI reaches it at and the nova.conf its driver is built from ({@code [DEFAULT] host} is the host's name).
 *
 * @param source       the host to drain
 * @param destinations where its guests may go, in the order given
 */
public record DrainEnds(Host source, List<Host> destinations) {
    public DrainEnds {
        Objects.requireNonNull(source, "source");
        destinations = List.copyOf(destinations);
    }

    /** One host: its name, its libvirtd URI and its nova.conf. */
    public record Host(String name, String uri, NovaConfig config) {
        public Host {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(config, "config");
        }
    }
}
