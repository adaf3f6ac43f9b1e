package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.XmlDiff;
import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.GraphicsListen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A guest on host-a (RBD root disk, two Cinder volumes, tcp serial, VNC) rewritten for host-b. */
class GuestXmlUpdaterTest {

    private static final String SOURCE_XML = """
            <domain type='kvm'>
              <name>instance-0001</name>
              <uuid>0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b</uuid>
              <metadata><nova:instance xmlns:nova='http://openstack.org/xmlns/libvirt/nova/1.1'/></metadata>
              <devices>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <auth username='nova'><secret type='ceph' uuid='5ec7e700-0000-4000-8000-000000000001'/></auth>
                  <source protocol='rbd' name='vms/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b_disk'>
                    <host name='10.0.0.1' port='6789'/>
                    <host name='10.0.0.2' port='6789'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='volumes/volume-1'>
                    <host name='10.0.0.1' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                  <alias name='ua-volume-1'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='other-cluster-volumes/volume-2'>
                    <host name='10.9.0.1' port='6789'/>
                  </source>
                  <target dev='vdc' bus='virtio'/>
                  <serial>volume-2</serial>
                  <alias name='virtio-disk2'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source file='/var/lib/nova/instances/0b6f/disk.config'/>
                  <target dev='hdd' bus='ide'/>
                </disk>
                <serial type='file'>
                  <source path='/srv/a/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b/console.log' append='on'/>
                  <target port='0'/>
                </serial>
                <serial type='tcp'>
                  <source mode='bind' host='198.18.0.11' service='10000'/>
                  <target port='1'/>
                </serial>
                <graphics type='vnc' port='-1' listen='198.18.0.11'>
                  <listen type='address' address='198.18.0.11'/>
                </graphics>
              </devices>
            </domain>
            """;

    private static MigrationXmlContext toHostB() {
        return MigrationXmlContext.builder()
                .graphicsListenAddrVnc("198.18.0.12")
                .serialListenAddr("198.18.0.12").serialListenPorts(List.of(20000, 20001))
                .rbdMonitors(List.of(new MonitorAddress("198.18.0.1", "6789"), new MonitorAddress("[fd00::1]", "3300")))
                .diskCacheModes(DiskCacheModes.parse("network=writeback"))
                .instanceDirs("/srv/a/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b",
                        "/srv/b/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b")
                .build();
    }

    private static Domain updated() {
        return GuestXmlUpdater.update(SOURCE_XML, toHostB());
    }

    private static List<String> hosts(Domain d, String dev) {
        return Domains.findDiskByTarget(d, dev).orElseThrow().getSource().getHosts().stream()
                .map(DiskHost::toString).toList();
    }

    @Test
    void imageDisksGetTheMonitorsOfTheLiveMonmap() {
        assertThat(hosts(updated(), "vda")).containsExactly("198.18.0.1:6789", "[fd00::1]:3300");
    }

    @Test
    void userAttachedVolumesKeepTheirHosts() {
        assertThat(hosts(updated(), "vdb")).containsExactly("10.0.0.1:6789");
    }

    @Test
    void aVolumeMarkedOnlyByItsSerialKeepsTheMonitorsOfItsOwnCluster() {
        assertThat(hosts(updated(), "vdc")).as("issue 14: not the image cluster's monitors")
                .containsExactly("10.9.0.1:6789");
    }

    @Test
    void cacheModesAreReappliedBySourceType() {
        List<Disk> disks = updated().getDisks();
        assertThat(disks).extracting(d -> d.getTargetDev() + "=" + d.getDriver().getCache())
                .containsExactly("vda=writeback", "vdb=writeback", "vdc=writeback", "hdd=none");
    }

    @Test
    void graphicsListenOnTheDestination() {
        Graphics vnc = updated().getDevices().getGraphics().get(0);
        assertThat(vnc.getListen()).isEqualTo("198.18.0.12");
        assertThat(vnc.getListens()).extracting(GraphicsListen::getAddress).containsExactly("198.18.0.12");
    }

    @Test
    void tcpSerialsBindTheDestinationsAcquiredPort() {
        CharSource tcp = updated().getDevices().getSerials().get(1).getSource();
        assertThat(tcp.getHost()).isEqualTo("198.18.0.12");
        assertThat(tcp.getService()).isEqualTo("20001");
    }

    @Test
    void consoleLogMovesToTheDestinationInstanceDir() {
        CharSource file = updated().getDevices().getSerials().get(0).getSource();
        assertThat(file.getPath()).isEqualTo("/srv/b/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b/console.log");
        assertThat(file.getAppend()).isEqualTo("on");
    }

    @Test
    void everythingElseIsKept() {
        Domain d = updated();
        assertThat(Domains.findDiskByTarget(d, "vda").orElseThrow().getAuth().getUsername()).isEqualTo("nova");
        assertThat(d.getName()).isEqualTo("instance-0001");
        assertThat(XmlDiff.differences(SOURCE_XML, DomainXml.write(d)))
                .noneMatch(diff -> diff.contains("metadata") || diff.contains("/uuid") || diff.contains("/auth"));
        assertThat(DomainXml.write(d)).contains("<nova:instance");
    }

    @Test
    void withoutDestinationDataNothingButCacheModesChange() {
        Domain d = GuestXmlUpdater.update(SOURCE_XML, MigrationXmlContext.builder().build());
        assertThat(XmlDiff.differences(SOURCE_XML, DomainXml.write(d))).isEmpty();
    }

    @Test
    void aParsedDomainIsRewrittenAsACopyAndLeftAsItWas() {
        Domain source = DomainXml.parse(SOURCE_XML);
        Domain d = GuestXmlUpdater.update(source, toHostB());
        assertThat(hosts(d, "vda")).containsExactly("198.18.0.1:6789", "[fd00::1]:3300");
        assertThat(XmlDiff.differences(SOURCE_XML, DomainXml.write(source))).isEmpty();
        assertThat(DomainXml.write(d)).isEqualTo(DomainXml.write(updated()));
    }

    @Test
    void theMigrateDataGivesTheGraphicsAndSerialParts() {
        var md = dev.novalibvirt.core.driver.LibvirtLiveMigrateData.builder().graphicsListenAddrVnc("198.18.0.12")
                .graphicsListenAddrSpice("198.18.0.13").serialListenAddr("198.18.0.14")
                .serialListenPorts(List.of(20000)).build();
        MigrationXmlContext ctx = MigrationXmlContext.builder().migrateData(md).build();
        assertThat(ctx).isEqualTo(new MigrationXmlContext("198.18.0.12", "198.18.0.13", "198.18.0.14",
                List.of(20000), null, DiskCacheModes.none(), null, null));
    }

    @Test
    void externalEntitiesAreRefused() {
        String evil = "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>";
        assertThatThrownBy(() -> GuestXmlUpdater.update(evil, toHostB())).isInstanceOf(Invalid.class);
    }
}
