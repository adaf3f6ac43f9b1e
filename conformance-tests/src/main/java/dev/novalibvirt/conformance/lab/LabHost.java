package dev.novalibvirt.conformance.lab;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * One libvirt host of the lab: a libvirtd in its own network and mount namespace.
 *
 * @param name          {@code host-a}, {@code host-b}, ...
 * @param uri           libvirt URI reachable from the root namespace and from the other hosts
 * @param ip            the host's address on the lab bridge (its migration address)
 * @param uuid          the host_uuid libvirtd reports
 * @param instancesPath the host's own (unshared) instances_path, as the tests see it from outside the host (inside,
 *                      the host sees it at the common {@code /var/lib/nova/instances})
 * @param stateDir      the host's state dir; its libvirt dirs are bind-mounted from here
 */
public record LabHost(String name, String uri, String ip, UUID uuid, Path instancesPath, Path stateDir) {

    /** Inside its mount namespace the host sees these directories; from the outside they are under stateDir. */
    private static final Map<String, String> BINDS = Map.of(
            "/etc/libvirt", "etc",
            "/run/libvirt", "run",
            "/var/lib/libvirt", "lib",
            "/var/log/libvirt", "log",
            "/var/cache/libvirt", "cache",
            "/etc/pki", "pki",
            // the instances_path every host has (lab.env NOVA_INSTANCES_PATH), its own dir behind it
            "/var/lib/nova/instances", "instances");

    /** Where a path that libvirtd/QEMU of this host uses (e.g. a serial log) is seen from the test's namespace. */
    public Path outsidePath(String pathInsideHost) {
        for (Map.Entry<String, String> bind : BINDS.entrySet()) {
            String inside = bind.getKey();
            if (pathInsideHost.equals(inside) || pathInsideHost.startsWith(inside + "/")) {
                return stateDir.resolve(bind.getValue()).resolve(pathInsideHost.substring(inside.length()).replaceFirst("^/", ""));
            }
        }
        return Path.of(pathInsideHost);
    }

    /** The file a {@link LabGuests} guest named {@code domainName} writes its serial console to, seen from outside. */
    public Path serialLog(String domainName) {
        return outsidePath(LabGuests.serialLogInsideHost(domainName));
    }
}
