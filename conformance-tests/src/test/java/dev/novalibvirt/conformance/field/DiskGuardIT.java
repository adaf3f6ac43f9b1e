package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.DiskInUse;
import dev.novalibvirt.rbd.fence.MonCommand;
import dev.novalibvirt.rbd.fence.RbdImageHolderProbe;
import dev.novalibvirt.rbd.fence.StartPurpose;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.lock.StartGuard;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** Two hosts must never write one disk: with the guest running on host-a, host-b may not start its RBD disk. */
class DiskGuardIT {
    static final int ATTEMPTS = 100;

    @Test
    void startingTheSameRbdDiskOnHostBIsRefusedEveryTimeAndNothingStarts() throws Exception {
        try (FieldLab lab = FieldLab.load()) {
            String name = FieldLab.name("guard");
            String image = lab.newDisk(name);
            lab.forgetDomainAtClose(name);
            Connect a = lab.connect("a");
            Connect b = lab.connect("b");
            String xml = lab.bootSectorDomain(name, image, "writeback", null, lab.monitors());
            a.domainCreateXML(xml, 0);
            assertThat(FieldLab.await(Duration.ofSeconds(60), () -> FieldLab.size(lab.serialLog("a", name)) > 0))
                    .as("the guest runs on host-a").isTrue();

            DiskGuard guard = new DiskGuard(new RbdImageHolderProbe(lab.rbd()),
                    new CephBlocklist(MonCommand.of(lab.rbd().monCommands()))::list);
            List<DiskGuard.GuardedImage> disks = List.of(new DiskGuard.GuardedImage(lab.get("POOL_VMS"), image));
            int refused = 0;
            int started = 0;
            Set<String> named = new TreeSet<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < ATTEMPTS; i++) {
                try {
                    guard.checkCanStart(name, i % 2 == 0 ? StartPurpose.START : StartPurpose.EVACUATE, disks);
                    b.domainCreateXML(xml, 0);   // what a start on host-b would do if the guard let it
                    started++;
                } catch (DiskInUse e) {
                    refused++;
                    named.addAll(e.holderAddresses());
                    assertThat(e.getMessage()).contains(lab.get("POOL_VMS") + "/" + image).contains(lab.host("a", "IP") + ":");
                }
            }
            double msPerCheck = (System.nanoTime() - t0) / 1e6 / ATTEMPTS;
            System.out.printf("DiskGuardIT refused=%d/%d started=%d holders=%s %.1f ms/check%n", refused, ATTEMPTS, started, named, msPerCheck);

            assertThat(refused).isEqualTo(ATTEMPTS);
            assertThat(started).isZero();
            assertThat(named).allMatch(addr -> addr.startsWith(lab.host("a", "IP") + ":"));
            assertThat(Arrays.stream(b.listAllDomains(0)).map(FieldLab::nameOf)).doesNotContain(name);
            // the destination of a live migration is not guarded: the source legitimately holds the image
            assertThat(guard.checkCanStart(name, StartPurpose.LIVE_MIGRATION_DESTINATION, disks).checked()).isFalse();

            // and once the guest stops on host-a, host-b may start it
            a.domainLookupByName(name).destroy();
            assertThat(FieldLab.await(Duration.ofSeconds(30), () -> {
                try {
                    return guard.checkCanStart(name, StartPurpose.START, disks).checked();
                } catch (DiskInUse e) {
                    return false;
                }
            })).as("the image is free once host-a's QEMU is gone").isTrue();
            Domain onB = b.domainCreateXML(xml, 0);
            assertThat(onB.isActive()).isEqualTo(1);
        }
    }

    /** The fence package's DiskGuard as the driver's start guard: {@code rbd:pool/image[:opts]} paths are checked. */
    static StartGuard diskGuardFor(DiskGuard guard, StartPurpose purpose) {
        return (instanceName, diskPaths) -> guard.checkCanStart(instanceName, purpose, diskPaths.stream()
                .filter(p -> p.startsWith("rbd:"))
                .map(p -> p.substring(4).split(":", 2)[0].split("/", 2))
                .map(pn -> new DiskGuard.GuardedImage(pn[0], pn[1])).toList());
    }

    @Test
    void theDriversSpawnOnHostBIsRefusedWhileHostARunsTheGuestAndDefinesNothing() throws Exception {
        ContractLab cl = ContractLab.load();
        String uuid = UUID.randomUUID().toString();
        Instance instance = new Instance(uuid, "field-spawn-" + uuid.substring(0, 8), 64, 1, 1, cl.get("BASE_IMAGE_ID"));
        NovaConfig bConf = NovaConfig.parse(cl.novaConf("b", cl.instancesPath("b"), null));
        RbdImageBackend bBackend = cl.imageBackend(bConf.libvirt().diskCachemodes());
        try (bBackend; // released deterministically
             FieldLab lab = FieldLab.load();
             LibvirtDriver a = cl.driver("a");
             LibvirtDriver b = LibvirtDriver.builder().config(bConf).host(Host.open(cl.hostValue("b", "URI")))
                     .imageBackend(bBackend)
                     .cephxKeys(cl.cephxKeys(), false)
                     .bridges(ContractLab.netnsBridges(cl.hostValue("b", "NETNS")))
                     .startGuard(diskGuardFor(new DiskGuard(new RbdImageHolderProbe(lab.rbd()),
                             new CephBlocklist(MonCommand.of(lab.rbd().monCommands()))::list), StartPurpose.SPAWN))
                     .build()) {
            try {
                a.spawn(instance, cl.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
                assertThat(GuestProbe.runsOn(a, instance)).isTrue();

                assertThatThrownBy(() -> b.spawn(instance, cl.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true))
                        .isInstanceOf(DiskInUse.class).hasMessageContaining(lab.host("a", "IP") + ":");
                assertThat(b.instanceExists(instance)).as("nothing defined on host-b").isFalse();
                assertThat(GuestProbe.runsOn(a, instance)).as("host-a's guest untouched").isTrue();
            } finally {
                GuestProbe.purge(instance, a, b);
            }
        }
    }
}
