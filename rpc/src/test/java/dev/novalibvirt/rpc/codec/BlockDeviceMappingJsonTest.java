package dev.novalibvirt.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A boot-from-volume instance's block device info crosses the wire whole: the root volume's connection_info,
 * boot_index and attachment are what the agent's spawn needs (without them it refused with InvalidBDM), and
 * Cinder's keyring in a connection never travels or shows.
 */
class BlockDeviceMappingJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instance VOLUME_BACKED = new Instance("11111111-2222-4333-8444-555555555555",
            "instance-0000002b", 256, 2, 0, null);
    /** Cinder's connection, parsed as the controller holds it (the keyring is not kept). */
    private static final VolumeConnectionInfo CONNECTION =
            VolumeConnectionInfo.fromJson(Samples.CINDER_CONNECTION);
    private static final BlockDeviceMapping ROOT_VOLUME = new BlockDeviceMapping("/dev/vda", Samples.VOLUME_ID,
            CONNECTION, 0, true, "virtio", "disk", "5c8a3f0e-1d2b-4c6e-9f70-8a9b0c1d2e3f");
    private static final BlockDeviceInfo BOOT_FROM_VOLUME = new BlockDeviceInfo("/dev/vda", List.of(ROOT_VOLUME,
            new BlockDeviceMapping("/dev/vdb", "vol-2")));

    private static JsonNode travelled(Object value) throws Exception {
        return JSON.readTree(PythonJson.dumps(ContractJson.encode(value)));
    }

    @Test
    void aBootVolumesMappingRoundTripsWithItsConnectionInfo() throws Exception {
        BlockDeviceInfo arrived = ContractJson.decode(travelled(BOOT_FROM_VOLUME), BlockDeviceInfo.class,
                "args.block_device_info");
        assertThat(arrived).isEqualTo(BOOT_FROM_VOLUME);
        assertThat(arrived.rootVolume()).as("the agent finds the root volume").contains(ROOT_VOLUME);
        assertThat(arrived.isVolumeBacked(VOLUME_BACKED)).isTrue();
        assertThat(arrived.blockDeviceMapping().get(0).connectionInfo().data().secretUuid())
                .isEqualTo(Samples.CINDER_SECRET);
    }

    @Test
    void theMappingHasNovasKeysAndConnectionInfoIsADict() throws Exception {
        JsonNode bdm = travelled(ROOT_VOLUME);
        assertThat(bdm.fieldNames()).toIterable().containsExactly("mount_device", "serial", "connection_info",
                "boot_index", "delete_on_termination", "disk_bus", "device_type", "attachment_id");
        assertThat(bdm.get("connection_info").isObject()).isTrue();
        assertThat(bdm.at("/connection_info/driver_volume_type").asText()).isEqualTo("rbd");
        assertThat(bdm.at("/connection_info/data/name").asText()).isEqualTo("cinder-volumes/volume-d299a078");
        assertThat(bdm.get("boot_index").asInt()).isZero();
    }

    @Test
    void cindersKeyringNeverTravelsNorShows() throws Exception {
        // A peer (or Nova's BDM object) that passes Cinder's connection as it came, keyring included.
        JsonNode peer = JSON.readTree("{\"mount_device\": \"/dev/vda\", \"boot_index\": 0, \"connection_info\": "
                + Samples.CINDER_CONNECTION + "}");
        BlockDeviceMapping arrived = ContractJson.decode(peer, BlockDeviceMapping.class, "bdm");
        assertThat(arrived.connectionInfo()).isEqualTo(CONNECTION);
        String wire = PythonJson.dumps(ContractJson.encode(new BlockDeviceInfo("/dev/vda", List.of(arrived))));
        assertThat(wire).doesNotContain(Samples.CINDER_KEY).doesNotContain("keyring");
        assertThat(arrived.toString()).doesNotContain(Samples.CINDER_KEY);
        // the guard every outgoing message passes finds nothing to refuse
        SecretGuard.check(JSON.readTree(wire), "args.block_device_info");
    }

    @Test
    void connectionInfoAsTheBdmObjectsJsonStringIsReadToo() throws Exception {
        JsonNode peer = JSON.createObjectNode().put("mount_device", "vdb")
                .put("connection_info", Samples.CINDER_CONNECTION);
        assertThat(ContractJson.decode(peer, BlockDeviceMapping.class, "bdm").connectionInfo()).isEqualTo(CONNECTION);
    }

    @Test
    void anOlderPeersMappingWithDeviceAndSerialOnlyStillArrives() throws Exception {
        JsonNode old = JSON.readTree("{\"mount_device\": \"/dev/vdb\", \"serial\": \"vol-1\"}");
        assertThat(ContractJson.decode(old, BlockDeviceMapping.class, "bdm"))
                .isEqualTo(new BlockDeviceMapping("/dev/vdb", "vol-1"));
    }

    @Test
    void aBadConnectionIsRefusedByCoresChecksWithoutItsValue() throws Exception {
        JsonNode pathTrick = JSON.readTree("{\"mount_device\": \"/dev/vda\", \"connection_info\": "
                + "{\"driver_volume_type\": \"rbd\", \"data\": {\"name\": \"volumes/../../etc-passwd\"}}}");
        assertThatThrownBy(() -> ContractJson.decode(pathTrick, BlockDeviceMapping.class, "bdm"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("connection_info data.name")
                .hasMessageNotContaining("etc-passwd");
        JsonNode iscsi = JSON.readTree("{\"mount_device\": \"/dev/vda\", \"connection_info\": "
                + "{\"driver_volume_type\": \"iscsi\", \"data\": {}}}");
        assertThatThrownBy(() -> ContractJson.decode(iscsi, BlockDeviceMapping.class, "bdm"))
                .isInstanceOf(VolumeDriverNotFound.class);
        JsonNode inList = JSON.readTree("{\"root_device_name\": \"/dev/vda\", \"block_device_mapping\": "
                + "[{\"mount_device\": \"/dev/vda\", \"boot_index\": \"zero\"}]}");
        assertThatThrownBy(() -> ContractJson.decode(inList, BlockDeviceInfo.class, "args.block_device_info"))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("args.block_device_info")
                .hasMessageNotContaining("zero");
    }
}
