package dev.novalibvirt.core.volume;

import static dev.novalibvirt.core.validation.StrictJson.bool;
import static dev.novalibvirt.core.validation.StrictJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import dev.novalibvirt.core.validation.SafeText;
import dev.novalibvirt.core.validation.StrictJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link VolumeConnectionInfo} as Nova's JSON. Strict on what it reads (bounded size and depth, no duplicate
 * fields, every known field of its JSON type); refusals name the field, never its value. Nova's own shapes are
 * accepted: {@code ports} as strings or numbers, {@code qos_specs} null or an object of numbers or numeric strings.
 */
final class ConnectionInfoJson {
    static final int MAX_JSON_CHARS = 64 * 1024;
    private static final StrictJson JSON = StrictJson.upTo(MAX_JSON_CHARS);

    private ConnectionInfoJson() {
    }

    static VolumeConnectionInfo read(String json) {
        JsonNode node = JSON.tree(json, "connection_info",
                length -> "connection_info json is " + length + " characters long, more than " + MAX_JSON_CHARS);
        return fromTree(node, "connection_info");
    }

    static VolumeConnectionInfo fromTree(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput(field + " must be a JSON object");
        }
        String type = text(node, "driver_volume_type", field);
        if (type == null) {
            throw new InvalidInput(field + " driver_volume_type is required");
        }
        if (!VolumeConnectionInfo.RBD.equals(type)) {
            throw new VolumeDriverNotFound(SafeText.quote(type));
        }
        String serial = text(node, "serial", field);
        boolean multiattach = bool(node, "multiattach", field);
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidInput(field + " data must be a JSON object");
        }
        String d = field + " data";
        return new VolumeConnectionInfo(serial, multiattach, new RbdConnectionData(text(data, "name", d),
                list(data, "hosts", d, false), list(data, "ports", d, true), bool(data, "auth_enabled", d),
                text(data, "auth_username", d), text(data, "secret_type", d), text(data, "secret_uuid", d),
                text(data, "cluster_name", d), text(data, "volume_id", d), bool(data, "discard", d),
                text(data, "access_mode", d), qos(data, d)));
    }

    /** A list of strings; with {@code numbersAllowed} a number is taken as its decimal text (a port). */
    private static List<String> list(JsonNode node, String name, String where, boolean numbersAllowed) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidInput(where + "." + name + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else if (numbersAllowed && e.isIntegralNumber()) {
                out.add(e.asText());
            } else if (numbersAllowed && e.isNull()) {
                out.add(null);
            } else {
                throw new InvalidInput(where + "." + name + "[" + i + "] must be a string");
            }
        }
        return out;
    }

    private static Map<String, Long> qos(JsonNode data, String where) {
        JsonNode v = data.get("qos_specs");
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new InvalidInput(where + ".qos_specs must be an object or null");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            // Nova copies only its tune_opts and ignores other keys (consumer, ...): so does this
            if (!RbdConnectionData.QOS_KEYS.contains(e.getKey())) {
                return;
            }
            JsonNode n = e.getValue();
            String field = where + ".qos_specs." + e.getKey();
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                out.put(e.getKey(), n.longValue());
            } else if (n.isTextual() && n.textValue().matches("[0-9]{1,18}")) {
                out.put(e.getKey(), Long.parseLong(n.textValue()));
            } else {
                throw new InvalidInput(field + " must be a non-negative integer");
            }
        });
        return out;
    }

    static String write(VolumeConnectionInfo info) {
        ObjectNode root = JSON.newObject();
        root.put("driver_volume_type", info.driverVolumeType());
        if (info.serial() != null) {
            root.put("serial", info.serial());
        }
        if (info.multiattach()) {
            root.put("multiattach", true);
        }
        RbdConnectionData d = info.data();
        ObjectNode data = root.putObject("data");
        data.put("name", d.name());
        ArrayNode hosts = data.putArray("hosts");
        d.hosts().forEach(hosts::add);
        ArrayNode ports = data.putArray("ports");
        d.ports().forEach(ports::add);
        data.put("auth_enabled", d.authEnabled());
        putIfSet(data, "auth_username", d.authUsername());
        putIfSet(data, "secret_type", d.secretType());
        putIfSet(data, "secret_uuid", d.secretUuid());
        putIfSet(data, "cluster_name", d.clusterName());
        putIfSet(data, "volume_id", d.volumeId());
        if (d.discard()) {
            data.put("discard", true);
        }
        putIfSet(data, "access_mode", d.accessMode());
        if (!d.qosSpecs().isEmpty()) {
            ObjectNode qos = data.putObject("qos_specs");
            d.qosSpecs().forEach(qos::put);
        }
        return JSON.write(root);
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
