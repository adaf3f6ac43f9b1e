package dev.novalibvirt.core.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nova's VIFMigrateData as this driver reads it: the destination binding laid over the source VIF. */
class VifMigrateDataTest {
    private static final Vif SOURCE = new Vif("port-1", "52:54:00:aa:bb:cc", "br-a", "virtio");

    @Test
    void test_get_dest_vif() {
        // Nova's test_objects/test_migrate_data: the dest VIF is the source VIF with the binding's details
        VifMigrateData bound = new VifMigrateData("port-1", "normal", "bridge", "host-b", SOURCE,
                new VifDetails("br-b"));
        assertThat(bound.destVif()).isEqualTo(new Vif("port-1", "52:54:00:aa:bb:cc", "br-b", "virtio"));
        assertThat(new VifMigrateData("port-1", "normal", "bridge", "host-b", SOURCE).destVif())
                .as("a binding without details keeps the source's bridge").isEqualTo(SOURCE);
    }

    @Test
    void test_get_dest_vif_source_vif_not_set() {
        assertThatThrownBy(() -> new VifMigrateData("port-1", "normal", "bridge", "host-b", null).destVif())
                .isInstanceOf(InvalidInput.class).hasMessageContaining("source_vif");
    }

    @Test
    void aBindingOfTheDestinationTravelsWithItsBridgeAndIgnoresOtherDetails() {
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder()
                .vifs(List.of(VifMigrateData.boundOn("host-b", new Vif("port-1", "52:54:00:aa:bb:cc", "br-b", null))))
                .build();
        String json = md.toJson();
        assertThat(json).contains("\"vif_details\":{\"bridge_name\":\"br-b\"}");
        assertThat(LibvirtLiveMigrateData.fromJson(json)).isEqualTo(md);
        String withOtherKeys = json.replace("{\"bridge_name\":\"br-b\"}",
                "{\"bridge_name\":\"br-b\",\"port_filter\":true,\"ovs_hybrid_plug\":false}");
        assertThat(LibvirtLiveMigrateData.fromJson(withOtherKeys)).isEqualTo(md);
    }

    @Test
    void aBridgeNameThatIsNoInterfaceNameIsRefused() {
        assertThatThrownBy(() -> new VifDetails("br0; reboot")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("bridge_name");
        assertThatThrownBy(() -> LibvirtLiveMigrateData.fromJson(
                "{\"vifs\":[{\"port_id\":\"p\",\"vif_details\":{\"bridge_name\":\"a-very-long-bridge-name\"}}]}"))
                .isInstanceOf(InvalidInput.class);
    }
}
