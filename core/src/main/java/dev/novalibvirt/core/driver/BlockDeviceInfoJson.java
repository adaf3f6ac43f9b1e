package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import java.util.ArrayList;
import java.util.List;

/** Nova's {@code block_device_info} dict as JSON, read strictly; refusals name the field, never its value. */
final class BlockDeviceInfoJson {
    private static final int MAX_JSON_CHARS = 1 << 20;
    private static final int MAX_VOLUMES = 256;
    private static final JsonMapper JSON = JsonMapper.builder()
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(MAX_JSON_CHARS).maxNumberLength(20).build());
    }

    private BlockDeviceInfoJson() {
    }

    static BlockDeviceInfo read(String json) {
        Checks.required(json, "block_device_info json");
        if (json.length() > MAX_JSON_CHARS) {
            throw new InvalidInput("block_device_info json is longer than " + MAX_JSON_CHARS + " characters");
        }
        JsonNode root = tree(json, "block_device_info");
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
        JsonNode boot = node.get("boot_index");
        Integer bootIndex = null;
        if (boot != null && !boot.isNull()) {
            if (!boot.isIntegralNumber() || !boot.canConvertToInt()) {
                throw new InvalidInput(where + ".boot_index must be an integer or null");
            }
            bootIndex = boot.intValue();
        }
        JsonNode del = node.get("delete_on_termination");
        if (del != null && !del.isNull() && !del.isBoolean()) {
            throw new InvalidInput(where + ".delete_on_termination must be true or false");
        }
        String serial = info == null ? null : info.serial();
        return new BlockDeviceMapping(text(node, "mount_device", where), serial, info, bootIndex,
                del != null && del.booleanValue(), text(node, "disk_bus", where), text(node, "device_type", where),
                text(node, "attachment_id", where));
    }

    private static JsonNode tree(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            throw new InvalidInput(what + " json is not well-formed JSON (or has a duplicate field or trailing "
                    + "data)" + where);
        }
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInput(where + "." + name + " must be a string");
        }
        return v.textValue();
    }
}
