package dev.novalibvirt.core.driver;

import static dev.novalibvirt.core.validation.StrictJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.StrictJson;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import java.util.ArrayList;
import java.util.List;

/** Nova's {@code block_device_info} dict as JSON, read strictly; refusals name the field, never its value. */
final class BlockDeviceInfoJson {
    private static final int MAX_JSON_CHARS = 1 << 20;
    private static final int MAX_VOLUMES = 256;
    private static final StrictJson JSON = StrictJson.upTo(MAX_JSON_CHARS);

    private BlockDeviceInfoJson() {
    }

    static BlockDeviceInfo read(String json) {
        JsonNode root = JSON.tree(json, "block_device_info",
                length -> "block_device_info json is longer than " + MAX_JSON_CHARS + " characters");
        if (!root.isObject()) {
            throw new InvalidInput("block_device_info must be a JSON object");
        }
        for (String empty : List.of("ephemerals", "swap")) {
            JsonNode v = root.get(empty);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                throw new InvalidInput("block_device_info " + empty + " must be empty: the RBD image backend "
                        + "creates no ephemeral or swap disks");
            }
        }
        JsonNode list = root.get("block_device_mapping");
        List<BlockDeviceMapping> volumes = new ArrayList<>();
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_VOLUMES) {
                throw new InvalidInput("block_device_info block_device_mapping must be a list of at most "
                        + MAX_VOLUMES + " volumes");
            }
            for (int i = 0; i < list.size(); i++) {
                volumes.add(mapping(list.get(i), "block_device_mapping[" + i + "]"));
            }
        }
        return new BlockDeviceInfo(text(root, "root_device_name", "block_device_info"), volumes);
    }

    private static BlockDeviceMapping mapping(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidInput(where + " must be an object");
        }
        JsonNode ci = node.get("connection_info");
        VolumeConnectionInfo info = null;
        if (ci != null && !ci.isNull()) {
            // the BDM object stores connection_info as a JSON string; the driver's dict holds it parsed
            info = ci.isTextual() ? VolumeConnectionInfo.fromJson(ci.textValue()) : VolumeConnectionInfo.fromTree(ci);
        }
        Integer bootIndex = StrictJson.integer(node, "boot_index", where);
        boolean deleteOnTermination = StrictJson.bool(node, "delete_on_termination", where);
        String serial = info == null ? null : info.serial();
        return new BlockDeviceMapping(text(node, "mount_device", where), serial, info, bootIndex,
                deleteOnTermination, text(node, "disk_bus", where), text(node, "device_type", where),
                text(node, "attachment_id", where));
    }
}
