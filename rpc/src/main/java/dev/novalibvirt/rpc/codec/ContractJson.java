package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.rpc.MalformedMessage;
import java.io.IOException;
import java.util.Map;

/**
 * JSON for every argument and result of the compute-driver contract, with Nova's field names: {@link Instance},
 * {@link ImageMeta}, {@link NetworkInfo} (a list of VIFs), {@link BlockDeviceInfo} (each mapping with its
 * connection_info, {@link BlockDeviceMappingJson}), {@link ComputeInfo},
 * {@link InstanceInfo} ({@link PowerState} as Nova's power_state integer), {@link MigrationStatus} (Nova's status
 * string), and {@code LibvirtLiveMigrateData} with everything it holds (annotated in core). Decoding goes through the
 * records' constructors, so a peer's invalid value is refused by core's own checks, as the same typed exception.
 */
public final class ContractJson {
    /** Nova's {@code compute.power_state} constants. */
    private static final Map<PowerState, Integer> POWER_STATES = Map.of(PowerState.NOSTATE, 0, PowerState.RUNNING, 1,
            PowerState.PAUSED, 3, PowerState.SHUTDOWN, 4, PowerState.CRASHED, 6, PowerState.SUSPENDED, 7);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // A newer agent may send fields this side does not know, as obj_make_compatible would strip them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(Instance.class, ContractMixins.InstanceMixin.class)
            .addMixIn(ImageMeta.class, ContractMixins.ImageMetaMixin.class)
            .addMixIn(NetworkInfo.class, ContractMixins.NetworkInfoMixin.class)
            .addMixIn(BlockDeviceInfo.class, ContractMixins.BlockDeviceInfoMixin.class)
            .addMixIn(ComputeInfo.class, ContractMixins.ComputeInfoMixin.class)
            .addMixIn(InstanceInfo.class, ContractMixins.InstanceInfoMixin.class)
            .addModule(novaEnums())
            .build();

    private ContractJson() {
    }

    /** The JSON tree of a contract value; {@code null} is JSON null (Nova's None). */
    public static JsonNode encode(Object value) {
        return value == null ? NullNode.getInstance() : MAPPER.valueToTree(value);
    }

    /**
     * Decodes a contract value; JSON null or a missing node gives {@code null}.
     *
     * @param what names the value in errors (e.g. {@code args.migrate_data})
     * @throws NovaException      the record's own check refused the value (e.g. {@code Invalid} for a bad uuid)
     * @throws MalformedMessage   the JSON does not have the type's shape
     */
    public static <T> T decode(JsonNode node, Class<T> type, String what) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NovaException nova) {
                    throw nova;
                }
            }
            // The path, not Jackson's text: that quotes the offending value.
            String path = e instanceof JsonMappingException m ? m.getPathReference() : "";
            throw new MalformedMessage(what + " is not a valid " + type.getSimpleName() + " (at " + path + ")", null);
        }
    }

    /** Nova's enum encodings, and the block device mapping's own codec. */
    private static SimpleModule novaEnums() {
        SimpleModule m = new SimpleModule("nova-enums");
        // every part of a volume's mapping, connection_info included (boot-from-volume needs it on the agent)
        m.addSerializer(BlockDeviceMapping.class, new BlockDeviceMappingJson.Writer());
        m.addDeserializer(BlockDeviceMapping.class, new BlockDeviceMappingJson.Reader());
        m.addSerializer(PowerState.class, new JsonSerializer<>() {
            @Override
            public void serialize(PowerState s, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(POWER_STATES.get(s));
            }
        });
        m.addDeserializer(PowerState.class, new JsonDeserializer<>() {
            @Override
            public PowerState deserialize(JsonParser p, DeserializationContext c) throws IOException {
                int value = p.getIntValue();
                return POWER_STATES.entrySet().stream().filter(e -> e.getValue() == value).map(Map.Entry::getKey)
                        .findFirst().orElseThrow(() -> JsonMappingException.from(p, "unknown power_state"));
            }
        });
        m.addSerializer(MigrationStatus.class, new JsonSerializer<>() {
            @Override
            public void serialize(MigrationStatus s, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(s.novaName());
            }
        });
        m.addDeserializer(MigrationStatus.class, new JsonDeserializer<>() {
            @Override
            public MigrationStatus deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String value = p.getText();
                for (MigrationStatus s : MigrationStatus.values()) {
                    if (s.novaName().equals(value)) {
                        return s;
                    }
                }
                throw JsonMappingException.from(p, "unknown migration status");
            }
        });
        return m;
    }
}
