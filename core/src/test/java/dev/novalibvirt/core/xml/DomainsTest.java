package dev.novalibvirt.core.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertSameXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.GraphicsListen;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainsTest {
    private final String original = Fixtures.xml("nova-rbd-guest.xml");
    private final Domain guest = DomainXml.parse(original);

    @Test
    void disksAreFoundByTargetDevAndBySerial() {
        assertThat(Domains.findDiskByTarget(guest, "vda")).get().extracting(Disk::sourceLocation)
                .isEqualTo("vms/4f1c6a1e-2b7d-4c4e-9a55-1d6f0f5a9e01_disk");
        assertThat(Domains.findDiskBySerial(guest, "1e2d3c4b-aaaa-bbbb-cccc-ddddeeeeffff")).get()
                .extracting(Disk::getTargetDev).isEqualTo("vdb");
        assertThat(Domains.findDiskByTarget(guest, "vdq")).isEmpty();
        assertThat(Domains.rbdImages(guest)).containsExactly("vms/4f1c6a1e-2b7d-4c4e-9a55-1d6f0f5a9e01_disk",
                "volumes/volume-1e2d3c4b");
    }

    @Test
    void monitorsMovedTheImageDiskGetsTheNewHostsAndNothingElseChanges() {
        List<DiskHost> newMons = List.of(DiskHost.of("198.18.0.21", 6789), DiskHost.of("2001:db8::22", 6789));
        Domain moved = Domains.withImageRbdHosts(guest, newMons);

        assertThat(Domains.findDiskByTarget(moved, "vda").orElseThrow().getSource().getHosts())
                .containsExactlyElementsOf(newMons);
        assertThat(Domains.findDiskByTarget(moved, "vdb").orElseThrow().getSource().getHosts())
                .as("the Cinder volume keeps its cluster's monitors")
                .containsExactly(DiskHost.of("198.18.0.10", 6789).setTransport("tcp"));
        // Only the hosts differ: putting vda's old hosts back gives the original document.
        Domain restored = Domains.withDiskHosts(moved, "vda",
                Domains.findDiskByTarget(guest, "vda").orElseThrow().getSource().getHosts());
        assertSameXml(original, DomainXml.write(restored));
        // The argument is untouched.
        assertSameXml(original, DomainXml.write(guest));
    }

    @Test
    void newHostsTakeTheOldHostsPlaceBeforeSnapshotConfigAuthAndUnknownChildren() {
        Domain d = Domains.withDiskHosts(guest, "vdb", List.of(DiskHost.of("2001:db8::22", 6789)));
        String xml = DomainXml.write(d);
        assertThat(Domains.findDiskByTarget(d, "vdb").orElseThrow().getSource().getSnapshot()).isEqualTo("snap");
        assertThat(xml.indexOf("2001:db8::22")).isLessThan(xml.indexOf("<snapshot name=\"snap\""));
        assertThat(XmlDiff.differences(original, xml)).allMatch(diff -> diff.contains("/host"));
    }

    @Test
    void imageBackendDisksAreThoseWithoutUaAliasAndWithoutSerial() {
        assertThat(guest.getDisks()).filteredOn(Domains::isImageBackendDisk).extracting(Disk::getTargetDev)
                .doesNotContain("vdb").contains("vda");
        Disk serialOnly = DomainXml.parseDisk("<disk type='network' device='disk'><source protocol='rbd' "
                + "name='volumes/v'/><target dev='vdd' bus='virtio'/><serial>v</serial>"
                + "<alias name='virtio-disk3'/></disk>");
        assertThat(Domains.isUserAttached(serialOnly)).isFalse();
        assertThat(Domains.isImageBackendDisk(serialOnly)).as("a volume of a guest defined before ua- aliases")
                .isFalse();
    }

    @Test
    void hostsOfOneDiskByTarget() {
        Domain d = Domains.withDiskHosts(guest, "vdb", List.of(DiskHost.of("mon-x", 3300)));
        assertThat(Domains.findDiskByTarget(d, "vdb").orElseThrow().getSource().getHosts())
                .containsExactly(DiskHost.of("mon-x", 3300));
        assertThat(Domains.findDiskByTarget(d, "vda").orElseThrow().getSource().getHosts()).hasSize(3);
        assertThatThrownBy(() -> Domains.withDiskHosts(guest, "hdd", List.of()))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("not a network disk");
        assertThatThrownBy(() -> Domains.withDiskHosts(guest, "vdz", List.of()))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("no disk with target 'vdz'");
    }

    @Test
    void graphicsListenIsRewrittenInTheAttributeAndTheAddressListenChildren() {
        Domain d = Domains.withGraphicsListen(guest, "vnc", "198.18.0.12");
        Graphics vnc = d.getDevices().getGraphics().get(0);
        assertThat(vnc.getListen()).isEqualTo("198.18.0.12");
        assertThat(vnc.getListens()).extracting(GraphicsListen::getAddress).containsExactly("198.18.0.12");
        Graphics spice = d.getDevices().getGraphics().get(1);
        assertThat(spice.getListens()).extracting(GraphicsListen::getAddress).containsExactly("0.0.0.0", null);

        Domain both = Domains.withGraphicsListen(guest, null, "198.18.0.12");
        Graphics spice2 = both.getDevices().getGraphics().get(1);
        assertThat(spice2.getListens()).extracting(GraphicsListen::getAddress).containsExactly("198.18.0.12", null);
        assertThat(spice2.getListens().get(1).getNetwork()).isEqualTo("default");
        assertThat(spice2.getListen()).as("no listen attribute is added where there was none").isNull();
        assertThat(guest.getDevices().getGraphics().get(0).getListen()).isEqualTo("198.18.0.11");
    }

    @Test
    void tcpSerialAndConsoleGetTheDestinationsHostAndPortAndNothingElseChanges() {
        Domain d = Domains.withTcpCharListen(guest, "198.18.0.12", List.of(10001));
        CharSource src = d.getDevices().getSerials().get(0).getSource();
        assertThat(src.getHost()).isEqualTo("198.18.0.12");
        assertThat(src.getService()).isEqualTo("10001");
        assertThat(src.getMode()).isEqualTo("bind");
        assertThat(d.getDevices().getConsoles().get(0).getSource().getService()).isEqualTo("10001");
        assertThat(d.getDevices().getSerials().get(1).getSource().getPath()).endsWith("console.log");
        assertThat(XmlDiff.differences(original, DomainXml.write(d)))
                .isNotEmpty()
                .allMatch(diff -> (diff.contains("/serial[") || diff.contains("/console["))
                        && (diff.contains("@host") || diff.contains("@service")));
    }

    @Test
    void aDiskIsSwappedAtItsPosition() {
        Disk newVdb = NetworkDiskBuilder.rbd("volumes", "volume-new").host("198.18.0.10", 6789)
                .target("vdb", "virtio").build();
        Domain d = Domains.withDisk(guest, newVdb);
        assertThat(d.getDisks()).extracting(Disk::getTargetDev).containsExactly("vda", "vdb", "hdd", "sda", "vdc");
        assertThat(d.getDisks().get(1).sourceLocation()).isEqualTo("volumes/volume-new");
        assertThat(guest.getDisks().get(1).sourceLocation()).isEqualTo("volumes/volume-1e2d3c4b");
    }

    private static final String MIGRATING = """
            <domain type='kvm'>
              <name>instance-0002</name>
              <devices>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='vms/x_disk'><host name='10.0.0.1' port='6789'/></source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='volumes/volume-1'><host name='10.0.0.1' port='6789'/></source>
                  <target dev='vdb' bus='virtio'/>
                  <alias name='ua-volume-1'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='vms/shared'><host name='10.0.0.1' port='6789'/></source>
                  <target dev='vdc' bus='virtio'/>
                  <shareable/>
                </disk>
                <disk type='file' device='cdrom'>
                  <driver name='qemu' type='raw' cache='writethrough'/>
                  <source file='/srv/a/instances/x/disk.config'/>
                  <target dev='hdd' bus='ide'/>
                </disk>
                <serial type='file'>
                  <source path='/srv/a/instances/x/console.log' append='on'/>
                  <log file='/srv/a/instances/x/serial.log'/>
                  <target port='0'/>
                </serial>
                <serial type='tcp'>
                  <source mode='bind' host='198.18.0.11' service='10000'/>
                  <target port='1'/>
                </serial>
                <serial type='tcp'>
                  <source mode='bind' host='198.18.0.11' service='10002'/>
                  <target port='2'/>
                </serial>
                <console type='tcp'>
                  <source mode='bind' host='198.18.0.11' service='10000'/>
                  <target type='serial' port='1'/>
                </console>
              </devices>
            </domain>
            """;

    @Test
    void imageRbdDisksFollowTheMonmapButUserAttachedVolumesKeepTheirHosts() {
        Domain d = Domains.withImageRbdHosts(DomainXml.parse(MIGRATING), List.of(DiskHost.of("198.18.0.21", 3300)));
        assertThat(Domains.findDiskByTarget(d, "vda").orElseThrow().getSource().getHosts())
                .containsExactly(DiskHost.of("198.18.0.21", 3300));
        assertThat(Domains.findDiskByTarget(d, "vdb").orElseThrow().getSource().getHosts())
                .containsExactly(DiskHost.of("10.0.0.1", 6789));
    }

    @Test
    void tcpSerialsAndConsolesBindTheDestinationWithThePortAcquiredForTheirTargetPort() {
        Domain d = Domains.withTcpCharListen(DomainXml.parse(MIGRATING), "198.18.0.12", List.of(20000, 20001));
        assertThat(d.getDevices().getSerials().get(1).getSource().getService()).isEqualTo("20001");
        assertThat(d.getDevices().getConsoles().get(0).getSource().getService()).isEqualTo("20001");
        CharSource noPortAcquired = d.getDevices().getSerials().get(2).getSource();
        assertThat(noPortAcquired.getHost()).isEqualTo("198.18.0.12");
        assertThat(noPortAcquired.getService()).as("no acquired port for target 2: kept").isEqualTo("10002");
        assertThat(d.getDevices().getSerials().get(0).getSource().getHost()).as("file serial untouched").isNull();
    }

    @Test
    void cacheModesAreReappliedBySourceTypeAndShareableDisksGetNone() {
        Domain d = Domains.withCacheModes(DomainXml.parse(MIGRATING), DiskCacheModes.parse("network=writeback"));
        assertThat(d.getDisks()).extracting(disk -> disk.getDriver().getCache())
                .containsExactly("writeback", "writeback", "none", "writethrough");
    }

    @Test
    void consoleLogAndSerialLogMoveToTheDestinationInstanceDir() {
        String moved = DomainXml.write(Domains.withInstanceDir(DomainXml.parse(MIGRATING), "/srv/a/instances",
                "/srv/b/instances/"));
        assertThat(moved).contains("/srv/b/instances/x/console.log").contains("/srv/b/instances/x/serial.log")
                .doesNotContain("/srv/a/instances/x/console.log").doesNotContain("/srv/a/instances/x/serial.log");
        assertThat(moved).as("disks are not char devices: untouched").contains("/srv/a/instances/x/disk.config");
    }
}
