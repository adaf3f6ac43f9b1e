package dev.novalibvirt.core.volume;

import static dev.novalibvirt.core.volume.VolumeSamples.CINDER_SECRET;
import static dev.novalibvirt.core.volume.VolumeSamples.VOLUME_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.XmlAssert;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nova's cases for the RBD volume's disk config: {@code LibvirtNetVolumeDriverTestCase} (volume/test_net.py), one
 * method per Nova test, named after it, and {@code _get_volume_config} / {@code _set_cache_mode} (test_driver.py).
 * Nova's fixture: a volume named {@code rbd/<name>}, {@code qos_specs} total_bytes_sec 1048576 and read_iops_sec 500.
 */
class NovaNetVolumeDriverCasesTest {
    private static final String USER = "foo";
    private static final String UUID = "875a8070-d0b9-4949-8b31-104d125c9a64";
    private static final String FLAGS_UUID = "37152720-1785-11e2-a740-af0c1d8b8e4b";
    private static final String FLAGS_USER = "bar";
    private static final VolumeDiskInfo DISK_INFO = new VolumeDiskInfo("vde", "virtio", "disk");
    private static final VolumeConfigOptions NO_FLAGS = VolumeConfigOptions.defaults();
    private static final VolumeConfigOptions FLAGS =
            new VolumeConfigOptions("kvm", DiskCacheModes.none(), FLAGS_USER, FLAGS_UUID);

    /** Nova's {@code rbd_connection(volume)} with its auth fields as given. */
    private static VolumeConnectionInfo rbdConnection(boolean authEnabled, String user, String secretUuid,
                                                      List<String> hosts, List<String> ports) {
        return new VolumeConnectionInfo(VOLUME_ID, false, new RbdConnectionData("rbd/volume-" + VOLUME_ID, hosts,
                ports, authEnabled, user, user == null ? null : "ceph", secretUuid, null, null, false, null,
                Map.of("total_bytes_sec", 1048576L, "read_iops_sec", 500L)));
    }

    private static VolumeConnectionInfo rbdConnection(boolean authEnabled, String user, String secretUuid) {
        return rbdConnection(authEnabled, user, secretUuid, List.of(), List.of());
    }

    private static void assertNetworkAndProtocolEquals(Disk disk) {
        assertThat(disk.getType()).isEqualTo("network");
        assertThat(disk.getSource().getProtocol()).isEqualTo("rbd");
        assertThat(disk.getSource().getName()).isEqualTo("rbd/volume-" + VOLUME_ID);
    }

    @Test
    void test_libvirt_rbd_driver() {
        Disk disk = VolumeDiskConfig.build(rbdConnection(false, null, null), DISK_INFO, NO_FLAGS);

        assertNetworkAndProtocolEquals(disk);
        assertThat(disk.effectiveAuth()).isEmpty();
        assertThat(disk.getIoTune().get("total_bytes_sec")).hasValue(1048576L);
        assertThat(disk.getIoTune().get("read_iops_sec")).hasValue(500L);
    }

    @Test
    void test_libvirt_rbd_driver_hosts() {
        List<String> hosts = List.of("example.com", "1.2.3.4", "::1");
        List<String> ports = Arrays.asList(null, "6790", "6791");

        Disk disk = VolumeDiskConfig.build(rbdConnection(false, null, null, hosts, ports), DISK_INFO, NO_FLAGS);

        assertNetworkAndProtocolEquals(disk);
        assertThat(disk.effectiveAuth()).isEmpty();
        assertThat(disk.getSource().getHosts()).extracting(DiskHost::getName).isEqualTo(hosts);
        assertThat(disk.getSource().getHosts()).extracting(DiskHost::getPort).isEqualTo(ports);
    }

    @Test
    void test_libvirt_rbd_driver_auth_enabled() {
        Disk disk = VolumeDiskConfig.build(rbdConnection(true, USER, UUID), DISK_INFO, NO_FLAGS);

        assertNetworkAndProtocolEquals(disk);
        assertThat(disk.getAuth().getUsername()).isEqualTo(USER);
        assertThat(disk.getAuth().getSecret().getType()).isEqualTo("ceph");
        assertThat(disk.getAuth().getSecret().getUuid()).isEqualTo(UUID);
    }

    @Test
    void test_libvirt_rbd_driver_auth_enabled_flags() {
        Disk disk = VolumeDiskConfig.build(rbdConnection(true, USER, UUID), DISK_INFO, FLAGS);

        assertThat(disk.getAuth().getUsername()).isEqualTo(USER);
        assertThat(disk.getAuth().getSecret().getType()).isEqualTo("ceph");
        assertThat(disk.getAuth().getSecret().getUuid()).isEqualTo(UUID);
    }

    @Test
    void test_libvirt_rbd_driver_auth_enabled_flags_secret_uuid_fallback() {
        Disk disk = VolumeDiskConfig.build(rbdConnection(true, USER, null), DISK_INFO, FLAGS);

        assertThat(disk.getAuth().getUsername()).isEqualTo(FLAGS_USER);
        assertThat(disk.getAuth().getSecret().getType()).isEqualTo("ceph");
        assertThat(disk.getAuth().getSecret().getUuid()).isEqualTo(FLAGS_UUID);
    }

    @Test
    void test_libvirt_rbd_driver_auth_disabled() {
        Disk disk = VolumeDiskConfig.build(rbdConnection(false, USER, UUID), DISK_INFO, NO_FLAGS);

        assertNetworkAndProtocolEquals(disk);
        assertThat(disk.effectiveAuth()).isEmpty();
    }

    @Test
    void test_libvirt_rbd_driver_auth_disabled_flags_override() {
        Disk disk = VolumeDiskConfig.build(rbdConnection(false, USER, UUID), DISK_INFO, FLAGS);

        assertThat(disk.getAuth().getUsername()).isEqualTo(FLAGS_USER);
        assertThat(disk.getAuth().getSecret().getType()).isEqualTo("ceph");
        assertThat(disk.getAuth().getSecret().getUuid()).isEqualTo(FLAGS_UUID);
    }

    /** test_driver.py test_get_volume_config: get_config, then _set_cache_mode (disk_cachemodes network=...). */
    @Test
    void test_get_volume_config() {
        VolumeConfigOptions writeback = new VolumeConfigOptions("kvm", DiskCacheModes.parse("network=writeback"),
                null, null);

        Disk disk = VolumeDiskConfig.build(rbdConnection(true, USER, UUID), DISK_INFO, writeback);

        assertThat(disk.getDriver().getCache()).isEqualTo("writeback");
    }

    /** test_driver.py test_set_cache_mode_shareable: a multi-attach disk is never cached. */
    @Test
    void test_set_cache_mode_shareable() {
        VolumeConfigOptions writeback = new VolumeConfigOptions("kvm", DiskCacheModes.parse("network=writeback"),
                null, null);
        VolumeConnectionInfo multiattach = new VolumeConnectionInfo(VOLUME_ID, true,
                rbdConnection(true, USER, UUID).data());

        Disk disk = VolumeDiskConfig.build(multiattach, DISK_INFO, writeback);

        assertThat(disk.getDriver().getCache()).isEqualTo("none");
        assertThat(disk.isShareable()).isTrue();
    }

    @Test
    void cindersKeepsAddressConnectionGivesTheWholeVolumeDisk() {
        VolumeConnectionInfo info = VolumeConnectionInfo.fromJson(VolumeSamples.keepsAddressConnection());

        Disk disk = VolumeDiskConfig.build(info, new VolumeDiskInfo("sdc", "scsi", "disk"), NO_FLAGS);

        XmlAssert.assertSameXml("""
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none' discard='unmap'/>
                  <auth username='cinder'><secret type='ceph' uuid='%s'/></auth>
                  <source protocol='rbd' name='cinder-volumes/volume-d299a078'>
                    <host name='172.16.128.101' port='6789'/>
                    <host name='172.16.128.121' port='6789'/>
                  </source>
                  <target dev='sdc' bus='scsi'/>
                  <serial>%s</serial>
                  <alias name='ua-%s'/>
                </disk>""".formatted(CINDER_SECRET, VOLUME_ID, VOLUME_ID), DomainXml.writeDisk(disk));
    }

    @Test
    void aReadOnlyVolumeIsReadOnlyAndQemuIsNamedOnlyForQemuAndKvm() {
        RbdConnectionData ro = new RbdConnectionData("volumes/v", List.of(), List.of(), false, null, null, null,
                null, null, false, "ro", null);

        Disk disk = VolumeDiskConfig.build(new VolumeConnectionInfo(null, false, ro), DISK_INFO,
                new VolumeConfigOptions("lxc", null, null, null));

        assertThat(disk.isReadOnly()).isTrue();
        assertThat(disk.getDriver().getName()).isNull();
        assertThat(disk.getAlias()).isNull();
    }
}
