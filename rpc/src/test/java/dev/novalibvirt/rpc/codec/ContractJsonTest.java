package dev.novalibvirt.rpc.codec;

import static dev.novalibvirt.rpc.Samples.DEVICES;
import static dev.novalibvirt.rpc.Samples.FULL_MIGRATE_DATA;
import static dev.novalibvirt.rpc.Samples.HOST_A;
import static dev.novalibvirt.rpc.Samples.IMAGE;
import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static dev.novalibvirt.rpc.Samples.NETWORK;
import static dev.novalibvirt.rpc.Samples.VIF;
import static dev.novalibvirt.rpc.Samples.VOLUME_BACKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.driver.VifMigrateData;
import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.rpc.MalformedMessage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ContractJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every contract type, with its edge values (nulls, empty lists, every field set). */
    static Stream<Object> contractValues() {
        return Stream.of(INSTANCE, VOLUME_BACKED, IMAGE, new ImageMeta("img", "raw", null), NETWORK,
                NetworkInfo.none(), VIF, DEVICES, BlockDeviceInfo.none(), HOST_A,
                new InstanceInfo(PowerState.RUNNING, 7), new InstanceInfo(PowerState.SHUTDOWN, -1),
                FULL_MIGRATE_DATA, LibvirtLiveMigrateData.empty(),
                LibvirtLiveMigrateData.builder().vifs(List.of()).bdms(List.of()).serialListenPorts(List.of()).build(),
                FULL_MIGRATE_DATA.bdms().get(0), FULL_MIGRATE_DATA.vifs().get(0),
                new VifMigrateData("p", null, null, null, null), FULL_MIGRATE_DATA.dstRbdCacheFacts(),
                new RbdCacheFacts("h", "7.2.0", null, "client.admin", List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("contractValues")
    void everyContractValueRoundTripsExactly(Object value) throws Exception {
        // Through text, as it travels: encode, write as oslo would, parse, decode.
        JsonNode wire = JSON.readTree(PythonJson.dumps(ContractJson.encode(value)));
        assertThat(ContractJson.decode(wire, value.getClass(), "value")).isEqualTo(value);
    }

    @ParameterizedTest
    @EnumSource(PowerState.class)
    void everyPowerStateTravelsAsNovasInteger(PowerState state) {
        JsonNode json = ContractJson.encode(new InstanceInfo(state, 1));
        assertThat(json.get("state").isInt()).isTrue();
        assertThat(ContractJson.decode(json, InstanceInfo.class, "r").state()).isEqualTo(state);
    }

    @Test
    void powerStatesAreNovasNumbers() {
        assertThat(ContractJson.encode(new InstanceInfo(PowerState.PAUSED, 1)).get("state").asInt()).isEqualTo(3);
        assertThat(ContractJson.encode(new InstanceInfo(PowerState.CRASHED, 1)).get("state").asInt()).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(MigrationStatus.class)
    void migrationStatusesTravelAsNovasStrings(MigrationStatus status) {
        JsonNode json = ContractJson.encode(status);
        assertThat(json.asText()).isEqualTo(status.novaName());
        assertThat(ContractJson.decode(json, MigrationStatus.class, "s")).isEqualTo(status);
    }

    @Test
    void fieldsHaveNovasNames() {
        assertThat(PythonJson.dumps(ContractJson.encode(INSTANCE))).isEqualTo("{\"uuid\": "
                + "\"6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f\", \"name\": \"instance-0000002a\", \"memory_mb\": 512, "
                + "\"vcpus\": 1, \"root_gb\": 1, \"image_ref\": \"0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b\"}");
        assertThat(PythonJson.dumps(ContractJson.encode(NETWORK))).isEqualTo(
                "[{\"id\": \"port-1\", \"mac\": \"fa:16:3e:00:00:01\", \"bridge\": \"br-lab\", \"model\": \"virtio\"}]");
        assertThat(PythonJson.dumps(ContractJson.encode(DEVICES)))
                .isEqualTo("{\"root_device_name\": \"/dev/vda\", \"block_device_mapping\": "
                        + "[{\"mount_device\": \"/dev/vdb\", \"serial\": \"vol-1\", \"connection_info\": null, "
                        + "\"boot_index\": null, \"delete_on_termination\": false, \"disk_bus\": null, "
                        + "\"device_type\": null, \"attachment_id\": null}]}");
        assertThat(ContractJson.encode(HOST_A).fieldNames()).toIterable().containsExactly("host", "hypervisor_type",
                "hypervisor_version", "cpu_info", "free_disk_gb", "disk_available_least");
        assertThat(ContractJson.encode(IMAGE).fieldNames()).toIterable().containsExactly("id", "disk_format",
                "location");
    }

    @Test
    void migrateDataIsTheSameJsonAsCoresOwn() throws Exception {
        // As text: a parsed tree holds 40960 as an int, the encoded one as the record's long.
        assertThat(JSON.writeValueAsString(ContractJson.encode(FULL_MIGRATE_DATA))).isEqualTo(FULL_MIGRATE_DATA.toJson());
    }

    @Test
    void aPeersInvalidValueIsRefusedByCoresOwnCheck() throws Exception {
        JsonNode bad = JSON.readTree("{\"uuid\": \"not-a-uuid\", \"name\": \"i\", \"memory_mb\": 1, \"vcpus\": 1,"
                + " \"root_gb\": 0, \"image_ref\": null}");
        assertThatThrownBy(() -> ContractJson.decode(bad, Instance.class, "args.instance"))
                .isInstanceOf(Invalid.class).hasMessageContaining("not-a-uuid");
    }

    @Test
    void aWrongShapeIsAMalformedMessageThatDoesNotQuoteTheValue() throws Exception {
        JsonNode bad = JSON.readTree("{\"host\": \"h\", \"hypervisor_type\": \"QEMU\", \"hypervisor_version\": "
                + "\"sekrit-ish\", \"cpu_info\": \"\", \"free_disk_gb\": 1, \"disk_available_least\": 1}");
        assertThatThrownBy(() -> ContractJson.decode(bad, ComputeInfo.class, "args.src_compute_info"))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("args.src_compute_info")
                .hasMessageNotContaining("sekrit");
    }

    @Test
    void nullIsNovasNone() {
        assertThat(ContractJson.encode(null).isNull()).isTrue();
        assertThat(ContractJson.decode(ContractJson.encode(null), LibvirtLiveMigrateData.class, "x")).isNull();
    }

    @Test
    void aNewerPeersExtraFieldsAreIgnored() throws Exception {
        JsonNode json = JSON.readTree("{\"serial\": \"vol-1\", \"future_field\": 1}");
        assertThat(ContractJson.decode(json, LibvirtLiveMigrateBDMInfo.class, "bdm").serial()).isEqualTo("vol-1");
        JsonNode vif = JSON.readTree("{\"id\": \"p\", \"mac\": \"FA:16:3E:00:00:02\", \"bridge\": \"br0\"}");
        assertThat(ContractJson.decode(vif, Vif.class, "vif")).isEqualTo(new Vif("p", "fa:16:3e:00:00:02", "br0",
                "virtio"));
    }
}
