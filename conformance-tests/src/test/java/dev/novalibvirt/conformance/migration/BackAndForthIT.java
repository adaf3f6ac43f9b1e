package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scenario that failed in Nova before the storage-checks fix ("directory already exists" on the way back): an
 * RBD-backed guest migrated a->b->a->b->a through the whole contract, with RBD on both hosts and local, unshared
 * instances_path on each.
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class BackAndForthIT {
    private ContractLab lab;
    private MigrationScenario scenario;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;

    @BeforeEach
    void hosts(MigrationScenario scenario) {
        this.scenario = scenario;
        lab = scenario.lab();
        a = scenario.source();
        b = scenario.destination();
        instance = scenario.newInstance("bnf");
    }

    private java.util.List<String> currentMonitors() {
        try (RbdImageBackend backend = lab.imageBackend()) {
            return backend.driver().monitorAddresses(dev.novalibvirt.rbd.rados.MonProtocol.V1).stream()
                    .map(m -> m.host() + ":" + m.port()).toList();
        }
    }

    /** What the rewriters put into destination_xml/persistent_xml, as the destination libvirtd now holds it. */
    private void assertDestinationXml(LibvirtDriver to, String where) {
        for (int flags : new int[] {0, 2 /* VIR_DOMAIN_XML_INACTIVE: the persistent definition */}) {
            Domain xml = DomainXml.parse(to.libvirtHost().guest(instance.name()).xml(flags));
            Graphics graphics = xml.getDevices().getGraphics().get(0);
            String destIp = to.config().libvirt().liveMigrationInboundAddr();
            assertThat(graphics.getListen()).as(where + ": VNC listens on the destination").isEqualTo(destIp);
            Disk rbd = xml.getDisks().get(0);
            assertThat(rbd.getDriver().getCache()).as(where + ": cache mode").isEqualTo("writeback");
            assertThat(rbd.getSource().getHosts())
                    .extracting(h -> h.getName() + ":" + h.getPort())
                    .as(where + ": monitors of the live monmap").containsExactlyElementsOf(currentMonitors());
            assertThat(xml.getDevices().getSerials().get(0).getSource().getPath())
                    .as(where + ": console.log in the destination's instance dir")
                    .isEqualTo(to.instanceDirs().consoleLog(instance.uuid()).toString());
        }
    }

    @Test
    void guestMigratesBackAndForthFourTimesThroughTheContract() {
        scenario.spawn(a, instance);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("guest alive on host-a").isTrue();
        String disk = RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
        String imageId = lab.rbdImageId(disk);
        assertThat(imageId).as("RBD image id of " + disk).isNotNull();

        LibvirtDriver from = a;
        LibvirtDriver to = b;
        for (int hop = 1; hop <= 4; hop++) {
            LiveMigrationResult r = LiveMigrationTask.builder(from, to).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            String where = "after hop " + hop + " " + from.host() + " -> " + to.host();
            assertThat(r.completed()).as(where + ": completed, steps " + r.steps()).isTrue();
            assertThat(r.migrateData().isSharedBlockStorage()).as(where).isTrue();
            assertThat(r.migrateData().isSharedInstancePath()).as(where).isFalse();

            assertThat(GuestProbe.runsOn(to, instance)).as(where + ": runs on the destination").isTrue();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10)))
                    .as(where + ": serial output grows on the destination").isTrue();
            assertThat(from.instanceExists(instance)).as(where + ": no domain left on the source").isFalse();
            assertThat(GuestProbe.hasInstanceDir(from, instance)).as(where + ": source instance dir removed").isFalse();
            assertThat(GuestProbe.hasInstanceDir(to, instance)).as(where + ": destination instance dir").isTrue();
            assertThat(lab.rbdImageId(disk)).as(where + ": the same RBD image, untouched").isEqualTo(imageId);
            assertDestinationXml(to, where);

            LibvirtDriver t = from;
            from = to;
            to = t;
        }
        assertThat(GuestProbe.runsOn(a, instance)).as("back home on host-a").isTrue();
    }
}
