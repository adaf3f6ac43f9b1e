package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.driver.VifDetails;
import dev.novalibvirt.core.driver.VifMigrateData;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.XmlDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nova's {@code _update_vif_xml} cases (test_migration.py), one method per Nova test, named after it. Nova
 * regenerates the whole interface from the destination binding ({@code get_vif_config}); this library's VIFs are
 * bridged, and the rewrite writes the binding's bridge ({@code vif_details bridge_name}) into the interface and keeps
 * the rest, so Nova's expected XML holds here where the regenerated interface equals the old one but for the
 * bridge. Nova's {@code test_update_vif_xml_to_vhostuser} has no counterpart: a binding here can only name a bridge.
 */
class NovaVifXmlCasesTest {
    private static final String UUID = "3de6550a-8596-4937-8046-9d862036bca5";
    private static final String OVS_IFACE_ID = "a188171c-ea6b-4c55-9d5e-3c0b2a6f7e11";

    private static String domain(String interfaces) {
        return "<domain type='kvm'><name>instance-1</name><uuid>" + UUID + "</uuid>"
                + "<memory unit='KiB'>131072</memory><devices>" + interfaces + "</devices></domain>";
    }

    private static VifMigrateData binding(String mac, String destBridge) {
        Vif source = new Vif("port-1", mac, "qbra188171c-ea", "virtio");
        return new VifMigrateData("port-1", "normal", "bridge", "dest.host", source,
                destBridge == null ? null : new VifDetails(destBridge));
    }

    private static String update(String interfaces, VifMigrateData... vifs) {
        MigrationXmlContext ctx = MigrationXmlContext.builder()
                .migrateData(LibvirtLiveMigrateData.builder().vifs(List.of(vifs)).build()).build();
        return DomainXml.write(GuestXmlUpdater.update(domain(interfaces), ctx));
    }

    private static final String BRIDGE_WITH_MTU = "<interface type='bridge'>"
            + "<mac address='DE:AD:BE:EF:CA:FE'/><model type='virtio'/><source bridge='qbra188171c-ea'/>"
            + "<target dev='tapa188171c-ea'/><mtu size='9000'/>"
            + "<address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/></interface>";

    @Test
    void test_update_vif_xml_to_bridge_without_mtu() {
        String in = "<interface type='bridge'><mac address='DE:AD:BE:EF:CA:FE'/><model type='virtio'/>"
                + "<source bridge='qbra188171c-ea'/><target dev='tapa188171c-ea'/>"
                + "<address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/></interface>";
        String out = update(in, binding("DE:AD:BE:EF:CA:FE", "qbrdest-ea"));
        assertThat(XmlDiff.differences(domain(in.replace("qbra188171c-ea", "qbrdest-ea")), out))
                .as("only the bridge changes; no <mtu> is added, the guest PCI address stays").isEmpty();
    }

    @Test
    void test_update_vif_xml_to_bridge_with_mtu() {
        String out = update(BRIDGE_WITH_MTU, binding("DE:AD:BE:EF:CA:FE", "qbrdest-ea"));
        assertThat(XmlDiff.differences(domain(BRIDGE_WITH_MTU.replace("qbra188171c-ea", "qbrdest-ea")), out))
                .as("the guest's MTU is kept").isEmpty();
    }

    @Test
    void test_update_vif_xml_no_mac_address_in_xml() {
        String direct = "<interface type='direct'><source dev='eth0' mode='private'/>"
                + "<virtualport type='802.1Qbh'><parameters profileid='finance'/></virtualport></interface>";
        assertThatThrownBy(() -> update(direct, binding("DE:AD:BE:EF:CA:FE", "qbrdest-ea")))
                .isInstanceOf(NovaException.class)
                .hasMessageContaining("Unable to find MAC address in interface XML").hasMessageContaining(UUID);
    }

    @Test
    void test_update_vif_xml_no_matching_vif() {
        // Nova raises KeyError('ca:fe:de:ad:be:ef'); here a typed NovaException naming the same MAC
        String other = "<interface type='bridge'><mac address='CA:FE:DE:AD:BE:EF'/><model type='virtio'/>"
                + "<source bridge='qbra188171c-ea'/><target dev='tapa188171c-ea'/></interface>";
        assertThatThrownBy(() -> update(other, binding("DE:AD:BE:EF:CA:FE", "qbrdest-ea")))
                .isInstanceOf(NovaException.class).hasMessageContaining("ca:fe:de:ad:be:ef")
                .hasMessageContaining("migrate_data.vifs");
    }

    @Test
    void test_update_vif_xml_lower_case_mac() {
        String in = "<interface type='bridge'><mac address='de:ad:be:ef:ca:fe'/><model type='virtio'/>"
                + "<source bridge='qbra188171c-ea'/><target dev='tapa188171c-ea'/>"
                + "<address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/></interface>";
        String out = update(in, binding("DE:AD:BE:EF:CA:FE", "qbrdest-ea"));
        assertThat(out).contains("qbrdest-ea").doesNotContain("qbra188171c-ea");
    }

    @Test
    void aBindingThatNamesNoBridgeLeavesItsInterfaceAlone() {
        String in = BRIDGE_WITH_MTU.replace("</interface>",
                "<virtualport type='openvswitch'><parameters interfaceid='" + OVS_IFACE_ID + "'/></virtualport>"
                        + "</interface>");
        assertThat(XmlDiff.differences(domain(in), update(in, binding("de:ad:be:ef:ca:fe", null)))).isEmpty();
    }

    @Test
    void withoutPortBindingsTheInterfacesAreNotLookedAt() {
        // Nova's get_vif_config is None without migrate_data.vifs: an interface without MAC is no error then
        String direct = "<interface type='direct'><source dev='eth0' mode='private'/></interface>";
        assertThat(update(direct)).contains("eth0");
    }

    @Test
    void aNonBridgeInterfaceWhoseBindingNamesABridgeIsRefused() {
        String network = "<interface type='network'><mac address='de:ad:be:ef:ca:fe'/>"
                + "<source network='default'/></interface>";
        assertThatThrownBy(() -> update(network, binding("de:ad:be:ef:ca:fe", "qbrdest-ea")))
                .isInstanceOf(NovaException.class).hasMessageContaining("type 'network', not bridge");
    }

    @Test
    void twoBindingsOfOneMacAreRefusedBeforeAnythingChanges() {
        assertThatThrownBy(() -> update(BRIDGE_WITH_MTU, binding("de:ad:be:ef:ca:fe", "qbr-1"),
                binding("DE:AD:BE:EF:CA:FE", "qbr-2")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("de:ad:be:ef:ca:fe twice");
    }

    @Test
    void everyInterfaceKeepsItsOrderAndEachJoinsItsOwnBridge() {
        String two = BRIDGE_WITH_MTU + "<interface type='bridge'><mac address='52:54:00:00:00:02'/>"
                + "<source bridge='br-src2'/><model type='virtio'/></interface>";
        Vif second = new Vif("port-2", "52:54:00:00:00:02", "br-src2", "virtio");
        String out = update(two, binding("de:ad:be:ef:ca:fe", "br-dst1"),
                new VifMigrateData("port-2", "normal", "bridge", "dest.host", second, new VifDetails("br-dst2")));
        assertThat(out.indexOf("br-dst1")).isPositive().isLessThan(out.indexOf("br-dst2"));
        assertThat(out).doesNotContain("br-src2").doesNotContain("qbra188171c-ea");
    }
}
