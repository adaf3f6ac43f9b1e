package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;

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
}
