package dev.novalibvirt.core.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertSameXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.xml.NetworkDiskBuilder.AuthPlacement;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkDiskBuilderTest {

    @Test
    void anRbdRootDiskLooksLikeWhatNovaWrites() {
        Disk disk = NetworkDiskBuilder.rbd("vms", "4f1c6a1e_disk")
                .host("198.18.0.10", 6789)
                .host("198.18.0.13", "6789")
                .username("nova").secretUuid("5b9a3c2e-8f1d-4e6a-b7c0-9d8e7f6a5b4c")
                .cache("writeback").target("vda", "virtio").discard("unmap")
                .build();
        assertSameXml("""
                <disk type='network' device='disk'>
                  <driver type='raw' cache='writeback' discard='unmap'/>
                  <auth username='nova'>
                    <secret type='ceph' uuid='5b9a3c2e-8f1d-4e6a-b7c0-9d8e7f6a5b4c'/>
                  </auth>
                  <source protocol='rbd' name='vms/4f1c6a1e_disk'>
                    <host name='198.18.0.10' port='6789'/>
                    <host name='198.18.0.13' port='6789'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>""", DomainXml.writeDisk(disk));
        assertThat(disk.getDriver().getName()).as("Nova sets no driver name for RBD").isNull();
        assertThat(disk.isRbd()).isTrue();
    }

    @Test
    void withoutCephxUserOrSecretThereIsNoAuthAtAll() {
        Disk disk = NetworkDiskBuilder.rbd("vms", "img").host("198.18.0.10", 6789).target("vdb", "virtio").build();
        assertThat(disk.getAuth()).isNull();
        assertThat(disk.getSource().getAuth()).isNull();
        assertThat(DomainXml.writeDisk(disk)).doesNotContain("auth");
    }

    @Test
    void ipv6MonitorsAreWrittenWithoutBrackets() {
        Disk disk = NetworkDiskBuilder.rbd("vms", "img")
                .host("[2001:db8::10]", 6789).host("2001:db8::11", 3300)
                .target("vda", "virtio").build();
        assertThat(disk.getSource().getHosts()).extracting(DiskHost::getName)
                .containsExactly("2001:db8::10", "2001:db8::11");
        assertThat(DomainXml.writeDisk(disk)).contains("name=\"2001:db8::10\"");
        assertThat(disk.getSource().getHosts().get(0)).hasToString("[2001:db8::10]:6789");
    }

    @Test
    void novaStyleParallelHostAndPortListsAndDnsNames() {
        Disk disk = NetworkDiskBuilder.rbd("vms", "img")
                .hosts(List.of("mon-a.lab", "mon-b.lab", "198.18.0.12"), List.of("6789", "6789"))
                .target("vda", "virtio").build();
        assertThat(disk.getSource().getHosts()).containsExactly(new DiskHost("mon-a.lab", "6789"),
                new DiskHost("mon-b.lab", "6789"), new DiskHost("198.18.0.12", null));
    }

    @Test
    void authBySecretUsageInsideTheSourceWithSnapshotAndConfigFile() {
        Disk disk = NetworkDiskBuilder.rbd("images", "base").host("198.18.0.10", 6789)
                .snapshot("snap").configFile("/etc/ceph/ceph.conf")
                .username("nova").secretUsage("client.nova secret").authPlacement(AuthPlacement.SOURCE)
                .device("cdrom").target("hdc", "ide").readOnly(true).build();
        assertSameXml("""
                <disk type='network' device='cdrom'>
                  <driver type='raw'/>
                  <source protocol='rbd' name='images/base'>
                    <host name='198.18.0.10' port='6789'/>
                    <snapshot name='snap'/>
                    <config file='/etc/ceph/ceph.conf'/>
                    <auth username='nova'>
                      <secret type='ceph' usage='client.nova secret'/>
                    </auth>
                  </source>
                  <target dev='hdc' bus='ide'/>
                  <readonly/>
                </disk>""", DomainXml.writeDisk(disk));
        assertThat(disk.effectiveAuth()).get().extracting(a -> a.getSecret().getUsage()).isEqualTo("client.nova secret");
    }

    @Test
    void optionalDriverAndDeviceSettings() {
        Disk disk = NetworkDiskBuilder.rbd("volumes", "volume-1").driverName("qemu").io("native").cache("none")
                .detectZeroes("unmap").serial("vol-1").bootOrder(1).shareable(true).target("vdc", "virtio").build();
        assertSameXml("""
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none' io='native' detect_zeroes='unmap'/>
                  <source protocol='rbd' name='volumes/volume-1'/>
                  <target dev='vdc' bus='virtio'/>
                  <shareable/>
                  <serial>vol-1</serial>
                  <boot order='1'/>
                </disk>""", DomainXml.writeDisk(disk));
    }

    @Test
    void theProtocolIsAFieldNotAnAssumption() {
        Disk disk = NetworkDiskBuilder.network("nbd", "export1").host("198.18.0.20", 10809).target("vdd", "virtio")
                .format(null).build();
        assertThat(disk.getSource().getProtocol()).isEqualTo("nbd");
        assertThat(disk.isRbd()).isFalse();
        assertThat(disk.getDriver()).isNull();
    }

    @Test
    void badInputIsRefusedWithATypedException() {
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("", "img")).isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("pool");
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("a/b", "img")).isInstanceOf(DomainXmlException.class);
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("vms", " ")).isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("image");
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("vms", "i").cache("fast"))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("vms", "i").discard("trim"))
                .isInstanceOf(DomainXmlException.class);
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("vms", "i").build())
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("target dev");
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("vms", "i").target("vda", "virtio").username("nova").build())
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("without a secret");
        assertThatThrownBy(() -> NetworkDiskBuilder.rbd("vms", "i").target("vda", "virtio").secretUuid("u").build())
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("without a user");
    }

    @Test
    void eachBuildReturnsAnIndependentDisk() {
        NetworkDiskBuilder b = NetworkDiskBuilder.rbd("vms", "img").host("198.18.0.10", 6789).target("vda", "virtio");
        Disk first = b.build();
        first.getSource().setHosts(List.of());
        assertThat(b.build().getSource().getHosts()).hasSize(1);
    }
}
