package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.xml.DomainRewrite;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.XmlDiff;
import dev.novalibvirt.core.xml.domain.Address;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nova's cases for {@code _update_volume_xml} (test_migration.py), named after them. Nova's tests hand the rewrite a
 * mocked {@code get_volume_config} that returns a partial disk config; the same partial configs go to
 * {@link DomainRewrite#volumes} here. Nova's {@code test_update_volume_xml} uses an iSCSI volume, which this library
 * does not connect; its case is the same rewrite with an RBD volume. The cases after them run the whole
 * {@link GuestXmlUpdater} with the destination's real connection info.
 */
class NovaVolumeXmlCasesTest {
    private static final String VOLUME_ID = "d299a078-f0db-4993-bf03-f10fe44fd192";
    private static final String SOURCE_SECRET = "1a790a26-dd49-4825-8d16-3dd627cf05a9";
    private static final String DEST_SECRET = "0c6f0ab4-5c1e-4b1e-9d9e-7a3c2b1d0e9f";
    private static final String ENCRYPTION_OLD = "6b2d8e37-9a4f-4f1c-8a55-0e4a5f0c1d21";
    private static final String ENCRYPTION_NEW = "9e1c4b77-2f3a-4d6e-b1c8-3f7a9d2e5b60";

    private static final String RBD_VOLUME_SDB = """
            <disk type='network' device='disk'>
              <driver name='qemu' type='raw' cache='writeback' discard='unmap'/>
              <auth username='cinder'>
                <secret type='ceph' uuid='1a790a26-dd49-4825-8d16-3dd627cf05a9'/>
              </auth>
              <source protocol='rbd' name='cinder-volumes/volume-d299a078'>
                <host name='172.16.128.101' port='6789'/>
                <host name='172.16.128.121' port='6789'/>
              </source>
              <backingStore/>
              <target dev='sdb' bus='scsi'/>
              <serial>d299a078-f0db-4993-bf03-f10fe44fd192</serial>
              <alias name='scsi0-0-0-1'/>
              %s<address type='drive' controller='0' bus='0' target='0' unit='1'/>
            </disk>""";

    private static String domain(String devices) {
        return "<domain type='kvm'><name>instance-1</name><memory unit='KiB'>131072</memory><devices>" + devices
                + "</devices></domain>";
    }

    private static void assertSameDomain(String expected, Domain actual) {
        assertThat(XmlDiff.differences(expected, DomainXml.write(actual))).isEmpty();
    }

    /** The mocked conf of Nova's keeps-address and encryption cases: driver, target, serial and a drive address. */
    private static Disk novaMockedConf(String dev) {
        Disk conf = new Disk("network", "disk").setDriver(new Disk.Driver().setName("qemu").setType("raw")
                .setCache("writeback").setDiscard("unmap"));
        conf.setTarget(new Disk.Target(dev, "scsi"));
        conf.setSerial(VOLUME_ID);
        conf.setAddress(Address.drive(0, 0, 0, 0));
        return conf;
    }

    @Test
    void test_update_volume_xml() {
        String xml = domain("""
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <source protocol='rbd' name='volumes/volume-X'><host name='198.18.0.1' port='6789'/></source>
                  <target bus='virtio' dev='vdb'/>
                  <serial>58a84f6d-3f0c-4e19-a0af-eb657b790657</serial>
                  <address type='pci' domain='0x0' bus='0x0' slot='0x04' function='0x0'/>
                </disk>""");
        Disk conf = new Disk("network", "disk").setDriver(new Disk.Driver().setName("qemu").setType("raw")
                .setCache("none"));
        conf.setSource(DiskSource.network("rbd", "volumes/volume-Z"));
        conf.getSource().setHosts(List.of(new DiskHost("198.18.0.9", "6789")));
        conf.setTarget(new Disk.Target("vdb", "virtio"));
        conf.setSerial("58a84f6d-3f0c-4e19-a0af-eb657b790657");

        Domain res = DomainRewrite.of(xml).volumes(List.of(conf)).result();

        assertSameDomain(xml.replace("volume-X", "volume-Z").replace("198.18.0.1", "198.18.0.9"), res);
    }

    @Test
    void test_update_volume_xml_keeps_address() {
        String xml = domain(RBD_VOLUME_SDB.formatted(""));

        Domain res = DomainRewrite.of(xml).volumes(List.of(novaMockedConf("sdc"))).result();

        assertSameDomain(xml.replace("sdb", "sdc"), res);
    }

    @Test
    void test_update_volume_xml_add_encryption() {
        String xml = domain(RBD_VOLUME_SDB.formatted(""));
        Disk conf = GuestXmlUpdater.withLuks(novaMockedConf("sdb"), ENCRYPTION_NEW);

        Domain res = DomainRewrite.of(xml).volumes(List.of(conf)).result();

        // a new child goes where libvirt formats it: <encryption> before <alias> (Nova appends it after)
        String expected = RBD_VOLUME_SDB.formatted("").replace("<alias name='scsi0-0-0-1'/>",
                luks(ENCRYPTION_NEW) + "<alias name='scsi0-0-0-1'/>");
        assertSameDomain(domain(expected), res);
    }

    @Test
    void test_update_volume_xml_update_encryption() {
        String xml = domain(RBD_VOLUME_SDB.formatted(luks(ENCRYPTION_OLD)));
        Disk conf = GuestXmlUpdater.withLuks(novaMockedConf("sdb"), ENCRYPTION_NEW);

        Domain res = DomainRewrite.of(xml).volumes(List.of(conf)).result();

        assertSameDomain(domain(RBD_VOLUME_SDB.formatted(luks(ENCRYPTION_NEW))), res);
    }

    private static String luks(String uuid) {
        return "<encryption format='luks'><secret type='passphrase' uuid='" + uuid + "'/></encryption>";
    }

    // --- the whole rewrite, with the destination's connection info in migrate data ---

    private static final String IMAGE_ROOT = """
            <disk type='network' device='disk'>
              <driver type='raw' cache='none'/>
              <auth username='nova'><secret type='ceph' uuid='8d6e3f4a-1b2c-4d5e-9f00-112233445566'/></auth>
              <source protocol='rbd' name='vms/6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f_disk'>
                <host name='192.0.2.1' port='6789'/>
              </source>
              <target dev='vda' bus='virtio'/>
            </disk>""";

    private static LibvirtLiveMigrateBDMInfo destinationBdm(String connectionJson) {
        return new LibvirtLiveMigrateBDMInfo(VOLUME_ID, "scsi", "sdb", "disk", "raw", null, connectionJson, null);
    }

    private static String destinationConnection() {
        return """
                {"driver_volume_type": "rbd", "serial": "%s",
                 "data": {"name": "cinder-volumes/volume-d299a078", "hosts": ["198.51.100.7", "198.51.100.8"],
                          "ports": ["3300", "3300"], "auth_enabled": true, "auth_username": "cinder-b",
                          "secret_type": "ceph", "secret_uuid": "%s", "volume_id": "%s", "discard": true}}
                """.formatted(VOLUME_ID, DEST_SECRET, VOLUME_ID);
    }

    @Test
    void theDestinationsMonitorsUserAndSecretReachTheVolumeAndTheImageDiskGetsTheLiveMonmap() {
        MigrationXmlContext ctx = MigrationXmlContext.builder()
                .bdms(List.of(destinationBdm(destinationConnection())))
                .rbdMonitors(List.of(new MonitorAddress("192.0.2.50", "6789")))
                .volumeOptions(new VolumeConfigOptions("kvm", DiskCacheModes.parse("network=writeback"), null, null))
                .diskCacheModes(DiskCacheModes.parse("network=writeback"))
                .build();

        Domain d = GuestXmlUpdater.update(domain(IMAGE_ROOT + RBD_VOLUME_SDB.formatted("")), ctx);

        Disk volume = d.getDisks().get(1);
        assertThat(volume.getSource().getName()).isEqualTo("cinder-volumes/volume-d299a078");
        assertThat(volume.getSource().getHosts()).extracting(DiskHost::getName)
                .containsExactly("198.51.100.7", "198.51.100.8");
        assertThat(volume.getSource().getHosts()).extracting(DiskHost::getPort).containsExactly("3300", "3300");
        assertThat(volume.getAuth().getUsername()).isEqualTo("cinder-b");
        assertThat(volume.getAuth().getSecret().getUuid()).isEqualTo(DEST_SECRET);
        assertThat(volume.getDriver().getCache()).isEqualTo("writeback");
        assertThat(volume.getAddress().getUnit()).isEqualTo("1");
        assertThat(volume.getSerial()).isEqualTo(VOLUME_ID);
        Disk root = d.getDisks().get(0);
        assertThat(root.getSource().getHosts()).extracting(DiskHost::getName).containsExactly("192.0.2.50");
        assertThat(root.getAuth().getUsername()).isEqualTo("nova");
    }

    /** test_update_rbd_xml_skips_serial_disk, from the volume's side: the live monmap never reaches a volume. */
    @Test
    void aVolumeWithoutDestinationConnectionKeepsItsOwnMonitorsUnderTheRbdRewrite() {
        MigrationXmlContext ctx = MigrationXmlContext.builder()
                .rbdMonitors(List.of(new MonitorAddress("192.0.2.50", "6789"))).build();

        Domain d = GuestXmlUpdater.update(domain(IMAGE_ROOT + RBD_VOLUME_SDB.formatted("")), ctx);

        assertThat(d.getDisks().get(1).getSource().getHosts()).extracting(DiskHost::getName)
                .containsExactly("172.16.128.101", "172.16.128.121");
        assertThat(d.getDisks().get(1).getAuth().getSecret().getUuid()).isEqualTo(SOURCE_SECRET);
    }

    @Test
    void aBdmWithoutConnectionInfoOrForAnotherSerialLeavesTheDiskAlone() {
        String xml = domain(RBD_VOLUME_SDB.formatted(""));
        LibvirtLiveMigrateBDMInfo noConnection = destinationBdm(null);
        LibvirtLiveMigrateBDMInfo otherVolume = new LibvirtLiveMigrateBDMInfo("0f0f0f0f-0000-4000-8000-000000000000",
                "virtio", "vdc", "disk", "raw", null, destinationConnection().replace(VOLUME_ID,
                "0f0f0f0f-0000-4000-8000-000000000000"), null);

        Domain d = GuestXmlUpdater.update(xml, MigrationXmlContext.builder().bdms(List.of(noConnection, otherVolume))
                .build());

        assertSameDomain(xml, d);
    }

    @Test
    void aDestinationConnectionThatCannotBeUsedRefusesTheRewrite() {
        String xml = domain(RBD_VOLUME_SDB.formatted(""));

        assertThatThrownBy(() -> GuestXmlUpdater.update(xml, MigrationXmlContext.builder()
                .bdms(List.of(destinationBdm(destinationConnection().replace("cinder-volumes/", "../")))).build()))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("connection_info data.name");
        assertThatThrownBy(() -> GuestXmlUpdater.update(xml, MigrationXmlContext.builder()
                .bdms(List.of(destinationBdm("{\"driver_volume_type\": \"iscsi\", \"data\": {}}"))).build()))
                .isInstanceOf(VolumeDriverNotFound.class);
    }

    @Test
    void migrateDataBdmsReachTheContext() {
        LibvirtLiveMigrateBDMInfo bdm = destinationBdm(destinationConnection());

        MigrationXmlContext ctx = MigrationXmlContext.builder()
                .migrateData(dev.novalibvirt.core.driver.LibvirtLiveMigrateData.builder().bdms(List.of(bdm)).build())
                .build();

        assertThat(ctx.bdms()).containsExactly(bdm);
    }

    /** The migrate data JSON is Nova's as before: bdms with connection_info_json as a string, read by name. */
    @Test
    void aPeersMigrateDataJsonWithBdmsReachesTheVolumeRewrite() {
        String connection = destinationConnection().replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", " ");
        String json = "{\"block_migration\": false, \"bdms\": [{\"serial\": \"" + VOLUME_ID + "\", \"bus\": \"scsi\","
                + " \"dev\": \"sdb\", \"type\": \"disk\", \"format\": null, \"boot_index\": null,"
                + " \"connection_info_json\": \"" + connection + "\"}], \"newer_field\": 1}";

        Domain d = GuestXmlUpdater.update(domain(RBD_VOLUME_SDB.formatted("")), MigrationXmlContext.builder()
                .migrateData(dev.novalibvirt.core.driver.LibvirtLiveMigrateData.fromJson(json)).build());

        assertThat(d.getDisks().get(0).getAuth().getSecret().getUuid()).isEqualTo(DEST_SECRET);
    }
}
