package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.image.DiskCacheModes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Nova's UtilityMigrationTestCase cases for the graphics and serial rewriters (test_migration.py), one method per
 * Nova test, named after it. Nova's perf, memoryBacking, volume, vif, NUMA, mdev, PCI and vPMEM rewriters have no
 * counterpart here yet; the RBD-monitor rewrite is covered by {@link GuestXmlUpdaterTest}.
 */
class NovaXmlUpdaterCasesTest {

    private static String domain(String devices) {
        return "<domain type='kvm'><name>instance-1</name><memory unit='KiB'>131072</memory><devices>" + devices
                + "</devices></domain>";
    }

    private static MigrationXmlContext ctx(String vnc, String spice, String serialAddr, List<Integer> ports) {
        return new MigrationXmlContext(vnc, spice, serialAddr, ports, null, DiskCacheModes.none(), null, null);
    }

    private static Element source(Document doc, String kind, int index) {
        return DomXml.child(DomXml.devices(doc, kind).get(index), "source");
    }

    @Test
    void test_update_serial_xml_serial() {
        Document doc = DomXml.parse(GuestXmlUpdater.update(domain("<serial type='tcp'>"
                + "<source host='127.0.0.1' service='2000'/><target type='serial' port='0'/></serial>"),
                ctx(null, null, "127.0.0.100", List.of(2001))));
        assertThat(source(doc, "serial", 0).getAttribute("host")).isEqualTo("127.0.0.100");
        assertThat(source(doc, "serial", 0).getAttribute("service")).isEqualTo("2001");
    }

    private static final String TWO_CONSOLES = "<console type='tcp'><source host='127.0.0.1' service='2001'/>"
            + "<target type='serial' port='0'/></console><console type='tcp'><source host='127.0.0.1' service='2002'/>"
            + "<target type='serial' port='1'/></console>";

    @Test
    void test_update_serial_xml_console() {
        Document doc = DomXml.parse(GuestXmlUpdater.update(domain(TWO_CONSOLES),
                ctx(null, null, "127.0.0.100", List.of(299, 300))));
        assertThat(source(doc, "console", 0).getAttribute("host")).isEqualTo("127.0.0.100");
        assertThat(source(doc, "console", 0).getAttribute("service")).isEqualTo("299");
        assertThat(source(doc, "console", 1).getAttribute("host")).isEqualTo("127.0.0.100");
        assertThat(source(doc, "console", 1).getAttribute("service")).isEqualTo("300");
    }

    @Test
    void test_update_serial_xml_without_ports() {
        Document doc = DomXml.parse(GuestXmlUpdater.update(domain(TWO_CONSOLES),
                ctx(null, null, "127.0.0.100", List.of())));
        assertThat(source(doc, "console", 0).getAttribute("host")).isEqualTo("127.0.0.100");
        assertThat(source(doc, "console", 0).getAttribute("service")).isEqualTo("2001");
        assertThat(source(doc, "console", 1).getAttribute("service")).isEqualTo("2002");
    }

    @Test
    void test_update_graphics() {
        Document doc = DomXml.parse(GuestXmlUpdater.update(domain("<graphics type='vnc'>"
                + "<listen type='address' address='127.0.0.1'/></graphics><graphics type='spice'>"
                + "<listen type='address' address='127.0.0.2'/></graphics>"),
                ctx("127.0.0.100", "127.0.0.200", null, null)));
        assertThat(DomXml.child(DomXml.devices(doc, "graphics").get(0), "listen").getAttribute("address"))
                .isEqualTo("127.0.0.100");
        assertThat(DomXml.child(DomXml.devices(doc, "graphics").get(1), "listen").getAttribute("address"))
                .isEqualTo("127.0.0.200");
    }
}
