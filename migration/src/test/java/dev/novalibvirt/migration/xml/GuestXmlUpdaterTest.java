package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.image.DiskCacheModes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
        return new MigrationXmlContext("198.18.0.12", null, "198.18.0.12", List.of(20000, 20001),
                List.of(new MonitorAddress("198.18.0.1", "6789"), new MonitorAddress("[fd00::1]", "3300")),
                DiskCacheModes.parse("network=writeback"), "/srv/a/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b",
                "/srv/b/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b");
    }

    private static Document updated() {
        return DomXml.parse(GuestXmlUpdater.update(SOURCE_XML, toHostB()));
    }

    private static Element device(Document doc, String kind, int index) {
        return DomXml.devices(doc, kind).get(index);
    }

    @Test
    void imageDisksGetTheMonitorsOfTheLiveMonmap() {
        Element source = DomXml.child(device(updated(), "disk", 0), "source");
        List<Element> hosts = DomXml.children(source, "host");
        assertThat(hosts).extracting(h -> h.getAttribute("name") + ":" + h.getAttribute("port"))
                .containsExactly("198.18.0.1:6789", "fd00::1:3300");
    }

    @Test
    void userAttachedVolumesKeepTheirHosts() {
        Element source = DomXml.child(device(updated(), "disk", 1), "source");
        assertThat(DomXml.children(source, "host")).extracting(h -> h.getAttribute("name")).containsExactly("10.0.0.1");
    }

    @Test
    void cacheModesAreReappliedBySourceType() {
        Document doc = updated();
        assertThat(DomXml.child(device(doc, "disk", 0), "driver").getAttribute("cache")).isEqualTo("writeback");
        assertThat(DomXml.child(device(doc, "disk", 2), "driver").getAttribute("cache")).isEqualTo("none");
    }

    @Test
    void graphicsListenOnTheDestination() {
        Element vnc = device(updated(), "graphics", 0);
        assertThat(vnc.getAttribute("listen")).isEqualTo("198.18.0.12");
        assertThat(DomXml.child(vnc, "listen").getAttribute("address")).isEqualTo("198.18.0.12");
    }

    @Test
    void tcpSerialsBindTheDestinationsAcquiredPort() {
        Element tcp = DomXml.child(device(updated(), "serial", 1), "source");
        assertThat(tcp.getAttribute("host")).isEqualTo("198.18.0.12");
        assertThat(tcp.getAttribute("service")).isEqualTo("20001");
    }

    @Test
    void consoleLogMovesToTheDestinationInstanceDir() {
        Element file = DomXml.child(device(updated(), "serial", 0), "source");
        assertThat(file.getAttribute("path"))
                .isEqualTo("/srv/b/instances/0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b/console.log");
        assertThat(file.getAttribute("append")).isEqualTo("on");
    }

    @Test
    void everythingElseIsKept() {
        Document doc = updated();
        assertThat(DomXml.child(device(doc, "disk", 0), "auth").getAttribute("username")).isEqualTo("nova");
        assertThat(DomXml.all(doc, "metadata")).hasSize(1);
        assertThat(DomXml.child(doc.getDocumentElement(), "name").getTextContent()).isEqualTo("instance-0001");
    }

    @Test
    void withoutDestinationDataNothingButCacheModesChange() {
        MigrationXmlContext nothing = new MigrationXmlContext(null, null, null, null, null, DiskCacheModes.none(), null, null);
        Document doc = DomXml.parse(GuestXmlUpdater.update(SOURCE_XML, nothing));
        assertThat(device(doc, "graphics", 0).getAttribute("listen")).isEqualTo("198.18.0.11");
        assertThat(DomXml.children(DomXml.child(device(doc, "disk", 0), "source"), "host")).hasSize(2);
    }

    @Test
    void externalEntitiesAreRefused() {
        String evil = "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>";
        assertThatThrownBy(() -> GuestXmlUpdater.update(evil, toHostB())).isInstanceOf(Invalid.class);
    }
}
