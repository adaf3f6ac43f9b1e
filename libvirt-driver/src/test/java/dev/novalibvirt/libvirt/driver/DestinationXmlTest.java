package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source's destination XML (Nova's get_updated_guest_xml as live_migration calls it): a guest with an RBD image
 * disk and a Cinder volume from another cluster, migrating to a host with another instances_path (and, as in Nova, to
 * one with the same).
 */
class DestinationXmlTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private static final String GUEST = """
            <domain type='kvm'>
              <name>instance-00000001</name>
              <devices>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='vms/0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1_disk'>
                    <host name='198.18.0.31' port='6789'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='volumes/volume-7d0c3f1a'>
                    <host name='198.18.0.91' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                  <serial>7d0c3f1a-5b2e-4c8d-9f6a-0e1b2c3d4e5f</serial>
                </disk>
                <serial type='file'>
                  <source path='%s/console.log' append='on'/>
                  <target port='0'/>
                </serial>
                <graphics type='vnc' port='-1' listen='198.18.0.11'>
                  <listen type='address' address='198.18.0.11'/>
                </graphics>
                <future-device kept='yes'/>
              </devices>
            </domain>
            """;

    @TempDir
    Path instances;

    private final AtomicInteger monmapReads = new AtomicInteger();
    private final MonitorAddressSource monmap = () -> {
        monmapReads.incrementAndGet();
        return List.of(new MonitorAddress("198.18.0.41", "6789"));
    };

    private Domain destination(String imageType) {
        return destination(imageType, "/srv/b/instances");
    }

    /** The destination XML for a destination whose migrate data says {@code dst_instances_path = dstInstancesPath}. */
    private Domain destination(String imageType, String dstInstancesPath) {
        StepFixture a = new StepFixture("host-a", instances, "[libvirt]\ndisk_cachemodes = network=writeback\n");
        FakeGuest guest = a.host.add(new FakeGuest(INSTANCE.name(),
                GUEST.formatted(a.ctx.dirs().instanceDir(INSTANCE.uuid()))).running());
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder().imageType(imageType)
                .instanceRelativePath(INSTANCE.uuid()).dstInstancesPath(dstInstancesPath)
                .graphicsListenAddrVnc("198.18.0.12").build();
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx, monmap, null, null)) {
            return DomainXml.parse(executor.destinationXml(INSTANCE, guest, md));
        }
    }

    private static List<DiskHost> hosts(Domain d, String dev) {
        return Domains.findDiskByTarget(d, dev).orElseThrow().getSource().getHosts();
    }

    @Test
    void theImageDiskFollowsTheLiveMonmapAndTheVolumeKeepsItsClustersMonitors() {
        Domain d = destination("rbd");
        assertThat(hosts(d, "vda")).containsExactly(DiskHost.of("198.18.0.41", 6789));
        assertThat(hosts(d, "vdb")).containsExactly(DiskHost.of("198.18.0.91", 6789));
        assertThat(monmapReads).as("the monmap is read once per migration").hasValue(1);
    }

    @Test
    void everyOtherRewriteLandsInTheSameDocumentAndUnknownDevicesStay() {
        Domain d = destination("rbd");
        assertThat(d.getDisks()).extracting(disk -> disk.getDriver().getCache()).containsOnly("writeback");
        assertThat(d.getDevices().getGraphics().get(0).getListen()).isEqualTo("198.18.0.12");
        assertThat(d.getDevices().getSerials().get(0).getSource().getPath())
                .isEqualTo("/srv/b/instances/" + INSTANCE.uuid() + "/console.log");
        assertThat(DomainXml.write(d)).contains("<future-device kept=\"yes\"/>");
    }

    @Test
    void hostsWithTheSameInstancesPathKeepTheConsoleLogWhereItIsAsInNova() {
        String sourceLog = instances.resolve(INSTANCE.uuid()).resolve("console.log").toString();
        // a destination with the source's instances_path (agents, each host's own dir behind the same path)
        assertThat(destination("rbd", instances.toString()).getDevices().getSerials().get(0).getSource().getPath())
                .isEqualTo(sourceLog);
        // a Nova peer, which never sends dst_instances_path
        assertThat(destination("rbd", null).getDevices().getSerials().get(0).getSource().getPath())
                .isEqualTo(sourceLog);
    }

    @Test
    void anotherImageTypeNeitherReadsTheMonmapNorTouchesRbdHosts() {
        Domain d = destination("qcow2");
        assertThat(monmapReads).hasValue(0);
        assertThat(hosts(d, "vda")).containsExactly(DiskHost.of("198.18.0.31", 6789));
    }
}
