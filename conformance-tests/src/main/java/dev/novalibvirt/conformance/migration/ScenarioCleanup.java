package dev.novalibvirt.conformance.migration;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link MigrationScenario} does after a test: removes its guests from every place (host and instances_path)
 * the test's drivers used, through drivers of its own (the test's may be dead with the libvirtd they talked to),
 * then checks without the library that nothing is left: no domain in {@code virsh list --all}, no instance dir on
 * disk, no root disk in {@code rbd ls}. What is left is removed again for up to 30 s; then the test fails naming it.
 * Public for the benches, which end the same way ({@code BackforthBench}).
 */
public final class ScenarioCleanup {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /**
     * A host (letter) with the instances_path a driver of the test used there.
     *
     * @param letter        the lab host's letter
     * @param instancesPath the instances_path a driver used there
     */
    public record Place(String letter, Path instancesPath) {
    }

    private final ContractLab lab;
    private final List<Place> places;

    public ScenarioCleanup(ContractLab lab, Set<Place> places) {
        this.lab = lab;
        this.places = List.copyOf(places);
    }

    /** Removes every trace of {@code instances}, checks, retries; AssertionError naming what stays. */
    public void removeAndCheck(List<Instance> instances) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> left = removeOnceAndCheck(instances);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            left = removeOnceAndCheck(instances);
        }
        if (!left.isEmpty()) {
            throw new AssertionError("the scenario's cleanup left, " + SETTLE.toSeconds() + " s after the test: "
                    + left);
        }
    }

    private List<String> removeOnceAndCheck(List<Instance> instances) {
        List<String> left = new ArrayList<>();
        List<RbdLibvirtDriver> fresh = new ArrayList<>();
        try {
            List<LibvirtDriver> hosts = new ArrayList<>();
            for (Place p : places) {
                try {
                    RbdLibvirtDriver d = lab.host(p.letter(), p.instancesPath(), null, lab.cephxKeys(), false);
                    fresh.add(d);
                    hosts.add(d.driver());
                } catch (RuntimeException e) {
                    left.add("no driver for host-" + p.letter() + " to clean up with: " + e.getMessage());
                }
            }
            LibvirtDriver[] all = hosts.toArray(LibvirtDriver[]::new);
            for (Instance instance : instances) {
                GuestProbe.purge(instance, all);
            }
            for (LibvirtDriver h : hosts) {
                for (Instance instance : instances) {
                    if (GuestProbe.hasInstanceDir(h, instance)) {
                        left.add("instance dir " + h.instanceDirs().instanceDir(instance.uuid()));
                    }
                }
            }
        } finally {
            for (RbdLibvirtDriver d : fresh) {
                try {
                    d.close();
                } catch (RuntimeException e) {
                    left.add("closing the cleanup's driver for " + d.driver().host() + " failed: " + e.getMessage());
                }
            }
        }
        left.addAll(domainsLeft(instances));
        left.addAll(disksLeft(instances));
        return left;
    }

    /** Domains of {@code instances} that {@code virsh list --all} still shows on any of the places' hosts. */
    private List<String> domainsLeft(List<Instance> instances) {
        List<String> left = new ArrayList<>();
        Set<String> letters = new LinkedHashSet<>();
        places.forEach(p -> letters.add(p.letter()));
        for (String letter : letters) {
            ContractLab.Run list = ContractLab.run(Duration.ofSeconds(30), "virsh", "-c", lab.hostValue(letter, "URI"), "list", "--all",
                    "--name");
            if (list.exitCode() != 0) {
                left.add("virsh list on host-" + letter + " failed: " + list.output().strip());
                continue;
            }
            List<String> names = list.output().lines().map(String::strip).toList();
            for (Instance instance : instances) {
                if (names.contains(instance.name())) {
                    left.add("domain " + instance.name() + " on host-" + letter);
                }
            }
        }
        return left;
    }

    /** Root disks of {@code instances} that {@code rbd ls} still lists in the vms pool. */
    private List<String> disksLeft(List<Instance> instances) {
        ContractLab.Run ls = ContractLab.run(Duration.ofSeconds(60), "rbd", "-c", lab.cephConf().toString(), "--id", lab.get("CEPH_USER"),
                "--keyring", lab.novaKeyring().toString(), "ls", lab.get("POOL_VMS"));
        if (ls.exitCode() != 0) {
            return List.of("rbd ls " + lab.get("POOL_VMS") + " failed: " + ls.output().strip());
        }
        List<String> images = ls.output().lines().map(String::strip).toList();
        List<String> left = new ArrayList<>();
        for (Instance instance : instances) {
            String disk = RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
            if (images.contains(disk)) {
                left.add("rbd image " + lab.get("POOL_VMS") + "/" + disk);
            }
        }
        return left;
    }
}
