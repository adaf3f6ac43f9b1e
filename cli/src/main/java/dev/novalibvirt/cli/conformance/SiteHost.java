package dev.novalibvirt.cli.conformance;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One of the two compute hosts a conformance run uses.
 *
 * @param role          {@code host1} (the guest starts here) or {@code host2}, the config section
 * @param name          its {@code [DEFAULT] host}, as Nova names the compute service
 * @param uri           the libvirtd to reach it at, e.g. {@code qemu+tcp://198.18.0.12/system}
 * @param address       its migration address: {@code [libvirt] live_migration_inbound_addr} and VNC's listen address
 * @param instancesPath its {@code [DEFAULT] instances_path}
 */
public record SiteHost(String role, String name, String uri, String address, Path instancesPath) {
    public SiteHost {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(instancesPath, "instancesPath");
    }
}
