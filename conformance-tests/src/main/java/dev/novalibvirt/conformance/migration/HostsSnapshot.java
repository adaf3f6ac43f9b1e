package dev.novalibvirt.conformance.migration;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a refused or rolled-back migration must leave exactly as it was, for one instance on two hosts: where its
 * domain is defined and running, which instance dirs exist, the test files in each instances_path, the libvirt
 * secrets of each host and the RBD image id. Other sessions' objects are ignored.
 *
 * @param domainOnSource    defined on the source
 * @param runningOnSource   running on the source
 * @param domainOnDest      defined on the destination
 * @param dirOnSource       instance dir on the source
 * @param dirOnDest         instance dir on the destination
 * @param testFiles         Nova test files ({@code tmp*}) in both instances paths
 * @param destSecrets       secret uuids defined on the destination
 * @param rbdImageId        id of the root disk image
 */
public record HostsSnapshot(boolean domainOnSource, boolean runningOnSource, boolean domainOnDest,
                            boolean dirOnSource, boolean dirOnDest, List<String> testFiles, List<String> destSecrets,
                            String rbdImageId) {

    public static HostsSnapshot take(ContractLab lab, Instance instance, LibvirtDriver source, LibvirtDriver dest) {
        TreeSet<String> tmp = new TreeSet<>();
        tmp.addAll(testFiles(source.instanceDirs().instancesPath()));
        tmp.addAll(testFiles(dest.instanceDirs().instancesPath()));
        List<String> secrets = new TreeSet<>(dest.libvirtHost().secretUuids()).stream().toList();
        return new HostsSnapshot(source.instanceExists(instance), GuestProbe.runsOn(source, instance),
                dest.instanceExists(instance), GuestProbe.hasInstanceDir(source, instance),
                GuestProbe.hasInstanceDir(dest, instance), List.copyOf(tmp), secrets,
                lab.rbdImageId(RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()))));
    }

    /**
     * The state now, for comparison with {@code before}: when it differs, it is taken again (up to 3 times, 2 s
     * apart), because other sessions' migrations create and remove their own test files and secrets in the same
     * shared instances paths; what this test leaked stays different.
     */
    public static HostsSnapshot settled(HostsSnapshot before, java.util.function.Supplier<HostsSnapshot> now) {
        HostsSnapshot after = now.get();
        for (int i = 0; i < 3 && !after.equals(before); i++) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            after = now.get();
        }
        return after;
    }

    private static List<String> testFiles(Path instancesPath) {
        try (Stream<Path> s = Files.list(instancesPath)) {
            return s.map(p -> p.toString()).filter(n -> Path.of(n).getFileName().toString().startsWith("tmp"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
