package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.XmlDiff;
import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.GraphicsListen;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nova's UtilityMigrationTestCase cases for the graphics, serial and RBD rewriters (test_migration.py), one method
 * per Nova test, named after it (volume and vif cases have their own classes). Nova's perf, memoryBacking, NUMA,
 * mdev, PCI and vPMEM rewriters have no counterpart here yet. Nova's {@code image_type} check of {@code _update_rbd_xml} is the caller's here (the
 * driver passes monitors only for rbd), so its case is a context without monitors.
 */
class NovaXmlUpdaterCasesTest {

    private static String domain(String devices) {
        return "<domain type='kvm'><name>instance-1</name><memory unit='KiB'>131072</memory><devices>" + devices
                + "</devices></domain>";
    }

    private static MigrationXmlContext.Builder ctx() {
        return MigrationXmlContext.builder();
    }

    private static Domain update(String devices, MigrationXmlContext.Builder ctx) {
        return GuestXmlUpdater.update(domain(devices), ctx.build());
    }

    private static CharSource source(Domain d, String kind, int index) {
        return ("serial".equals(kind) ? d.getDevices().getSerials().get(index)
                : d.getDevices().getConsoles().get(index)).getSource();
    }

    @Test
    void test_update_serial_xml_serial() {
        Domain d = update("<serial type='tcp'><source host='127.0.0.1' service='2000'/>"
                + "<target type='serial' port='0'/></serial>",
                ctx().serialListenAddr("127.0.0.100").serialListenPorts(List.of(2001)));
        assertThat(source(d, "serial", 0).getHost()).isEqualTo("127.0.0.100");
        assertThat(source(d, "serial", 0).getService()).isEqualTo("2001");
    }

    private static final String TWO_CONSOLES = "<console type='tcp'><source host='127.0.0.1' service='2001'/>"
            + "<target type='serial' port='0'/></console><console type='tcp'><source host='127.0.0.1' service='2002'/>"
            + "<target type='serial' port='1'/></console>";

    @Test
    void test_update_serial_xml_console() {
        Domain d = update(TWO_CONSOLES, ctx().serialListenAddr("127.0.0.100").serialListenPorts(List.of(299, 300)));
        assertThat(source(d, "console", 0).getHost()).isEqualTo("127.0.0.100");
        assertThat(source(d, "console", 0).getService()).isEqualTo("299");
        assertThat(source(d, "console", 1).getHost()).isEqualTo("127.0.0.100");
        assertThat(source(d, "console", 1).getService()).isEqualTo("300");
    }

    @Test
    void test_update_serial_xml_without_ports() {
        Domain d = update(TWO_CONSOLES, ctx().serialListenAddr("127.0.0.100").serialListenPorts(List.of()));
        assertThat(source(d, "console", 0).getHost()).isEqualTo("127.0.0.100");
        assertThat(source(d, "console", 0).getService()).isEqualTo("2001");
        assertThat(source(d, "console", 1).getService()).isEqualTo("2002");
    }

    @Test
    void test_live_migration_update_serial_console_xml() {
        // test_driver.py: the console bound on the source's 9.0.0.1:10100 binds on the destination's 9.0.0.12:10200
        Domain d = update("<console type='tcp'><source mode='bind' host='9.0.0.1' service='10100'/>"
                + "<target type='serial' port='0'/></console>",
                ctx().serialListenAddr("9.0.0.12").serialListenPorts(List.of(10200)));
        assertThat(source(d, "console", 0).getHost()).isEqualTo("9.0.0.12");
        assertThat(source(d, "console", 0).getService()).isEqualTo("10200");
        assertThat(source(d, "console", 0).getMode()).isEqualTo("bind");
    }

    @Test
    void aTcpSerialWithoutTargetOrHostKeepsWhatItHasNot() {
        // Nova sets host only on a source that has one, and the service only from a <target port>
        Domain d = update("<serial type='tcp'><source mode='bind' service='2000'/></serial>",
                ctx().serialListenAddr("127.0.0.100").serialListenPorts(List.of(2001)));
        assertThat(source(d, "serial", 0).getHost()).isNull();
        assertThat(source(d, "serial", 0).getService()).isEqualTo("2000");
    }

    @Test
    void test_update_graphics() {
        Domain d = update("<graphics type='vnc'><listen type='address' address='127.0.0.1'/></graphics>"
                + "<graphics type='spice'><listen type='address' address='127.0.0.2'/></graphics>",
                ctx().graphicsListenAddrVnc("127.0.0.100").graphicsListenAddrSpice("127.0.0.200"));
        assertThat(d.getDevices().getGraphics().get(0).getListens()).extracting(GraphicsListen::getAddress)
                .containsExactly("127.0.0.100");
        assertThat(d.getDevices().getGraphics().get(1).getListens()).extracting(GraphicsListen::getAddress)
                .containsExactly("127.0.0.200");
    }

    private static final List<MonitorAddress> LIVE_MONMAP = List.of(new MonitorAddress("192.0.2.50", "6789"));

    /** The RBD case's devices, rewritten with the live monmap; the differences to the original. */
    private static List<String> rbdRewrite(String devices, MigrationXmlContext.Builder ctx) {
        return XmlDiff.differences(domain(devices), DomainXml.write(update(devices, ctx)));
    }

    private static final String IMAGE_DISK = """
            <disk type='network' device='disk'>
              <driver name='qemu' type='raw' cache='writeback' discard='unmap'/>
              <auth username='nova'><secret type='ceph' uuid='5ec7e700-0000-4000-8000-0000000000aa'/></auth>
              <source protocol='rbd' name='vms/instance-1_disk' index='3'>
                <host name='192.0.2.10' port='6789'/>
              </source>
              <target dev='sda' bus='scsi'/>
              <alias name='scsi0-0-0-0'/>
              <address type='drive' controller='0' bus='0' target='0' unit='0'/>
            </disk>""";

    @Test
    void test_update_rbd_xml() {
        Domain d = update(IMAGE_DISK, ctx().rbdMonitors(LIVE_MONMAP));
        assertThat(d.getDisks().get(0).getSource().getHosts()).containsExactly(DiskHost.of("192.0.2.50", 6789));
        assertThat(rbdRewrite(IMAGE_DISK, ctx().rbdMonitors(LIVE_MONMAP)))
                .as("only the monitor host changed").isNotEmpty().allMatch(diff -> diff.contains("/host"));
    }

    @Test
    void test_update_rbd_xml_non_rbd_image_type() {
        assertThat(rbdRewrite(IMAGE_DISK, ctx().rbdMonitors(null))).isEmpty();
    }

    @Test
    void test_update_rbd_xml_skips_serial_disk() {
        String volume = """
                <disk type='network' device='disk'>
                  <serial>7d0c3f1a-5b2e-4c8d-9f6a-0e1b2c3d4e5f</serial>
                  <alias name='scsi0-0-0-1'/>
                  <source protocol='rbd' name='volumes/volume-7d0c3f1a' index='2'>
                    <host name='192.0.2.10' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                </disk>""";
        assertThat(rbdRewrite(volume, ctx().rbdMonitors(LIVE_MONMAP))).isEmpty();
    }

    @Test
    void test_update_rbd_xml_skips_ua_alias_disk() {
        String volume = """
                <disk type='network' device='disk'>
                  <alias name='ua-7d0c3f1a-5b2e-4c8d-9f6a-0e1b2c3d4e5f'/>
                  <source protocol='rbd' name='volumes/volume-7d0c3f1a' index='2'>
                    <host name='192.0.2.10' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                </disk>""";
        assertThat(rbdRewrite(volume, ctx().rbdMonitors(LIVE_MONMAP))).isEmpty();
    }

    @Test
    void test_update_rbd_xml_skips_non_rbd_protocol() {
        String nbd = """
                <disk type='network' device='disk'>
                  <source protocol='nbd' name='export-1' index='2'>
                    <host name='192.0.2.20' port='10809'/>
                  </source>
                  <target dev='vdc' bus='virtio'/>
                </disk>""";
        assertThat(rbdRewrite(nbd, ctx().rbdMonitors(LIVE_MONMAP))).isEmpty();
    }
}
