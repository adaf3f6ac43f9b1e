package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import java.io.IOException;

/**
 * One entry of {@code block_device_info['block_device_mapping']} with the keys of Nova's
 * {@code DriverVolumeBlockDevice}: {@code mount_device}, {@code serial} (the volume id, kept from this wire's first
 * shape), {@code connection_info} (a dict, as the driver's block device info holds it; a JSON string, as the BDM
 * object stores it, is read too), {@code boot_index}, {@code delete_on_termination}, {@code disk_bus},
 * {@code device_type}, {@code attachment_id}. A key a peer leaves out reads as unset (null, false), so an older
 * peer's volumes still arrive. The record's constructor and {@link VolumeConnectionInfo}'s strict reader check what
 * arrives; a {@code keyring} in a peer's connection_info is never read (the record has no place for it), so it can
 * reach no log, XML or reply.
 */
final class BlockDeviceMappingJson {
    private static final ObjectMapper TREES = new ObjectMapper();

    private BlockDeviceMappingJson() {
    }

    static final class Writer extends JsonSerializer<BlockDeviceMapping> {
        @Override
        public void serialize(BlockDeviceMapping b, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("mount_device", b.mountDevice());
            g.writeStringField("serial", b.serial());
            g.writeFieldName("connection_info");
            if (b.connectionInfo() == null) {
                g.writeNull();
            } else {
                // core's writer has Nova's shape; as a tree, so the dict travels as a dict, not a string
                p.defaultSerializeValue(TREES.readTree(b.connectionInfo().toJson()), g);
            }
            g.writeFieldName("boot_index");
            if (b.bootIndex() == null) {
                g.writeNull();
            } else {
                g.writeNumber(b.bootIndex());
            }
            g.writeBooleanField("delete_on_termination", b.deleteOnTermination());
            g.writeStringField("disk_bus", b.diskBus());
            g.writeStringField("device_type", b.deviceType());
            g.writeStringField("attachment_id", b.attachmentId());
            g.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<BlockDeviceMapping> {
        @Override
        public BlockDeviceMapping deserialize(JsonParser p, DeserializationContext c) throws IOException {
            JsonNode n = p.readValueAsTree();
            if (n == null || !n.isObject()) {
                throw JsonMappingException.from(p, "a block device mapping must be an object");
            }
            return new BlockDeviceMapping(text(p, n, "mount_device"), text(p, n, "serial"), connection(p, n),
                    bootIndex(p, n), flag(p, n, "delete_on_termination"), text(p, n, "disk_bus"),
                    text(p, n, "device_type"), text(p, n, "attachment_id"));
        }

        private static VolumeConnectionInfo connection(JsonParser p, JsonNode n) throws JsonMappingException {
            JsonNode ci = n.get("connection_info");
            if (ci == null || ci.isNull()) {
                return null;
            }
            if (ci.isTextual()) {
                return VolumeConnectionInfo.fromJson(ci.textValue());
            }
            if (!ci.isObject()) {
                throw JsonMappingException.from(p, "connection_info must be an object, a JSON string or null");
            }
            return VolumeConnectionInfo.fromTree(ci);
        }

        private static Integer bootIndex(JsonParser p, JsonNode n) throws JsonMappingException {
            JsonNode v = n.get("boot_index");
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw JsonMappingException.from(p, "boot_index must be an integer or null");
            }
            return v.intValue();
        }

        private static boolean flag(JsonParser p, JsonNode n, String field) throws JsonMappingException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                throw JsonMappingException.from(p, field + " must be a boolean");
            }
            return v.booleanValue();
        }

        private static String text(JsonParser p, JsonNode n, String field) throws JsonMappingException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw JsonMappingException.from(p, field + " must be a string or null");
            }
            return v.textValue();
        }
    }
}
