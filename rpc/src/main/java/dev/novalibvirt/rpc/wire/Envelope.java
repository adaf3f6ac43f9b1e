package dev.novalibvirt.rpc.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.validation.SafeText;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.codec.PythonJson;

/**
 * oslo.messaging's message envelope 2.0 ({@code serialize_msg} / {@code deserialize_msg}): the AMQP body is
 * {@code {"oslo.version": "2.0", "oslo.message": "<the message as a JSON string>"}}. Unwrapping accepts what oslo
 * accepts (a JSON object without the two keys is taken as an unenveloped 1.0 message) but is stricter about what
 * oslo never sends: a body comes from whoever can publish to the broker, so it must be one JSON object with nothing
 * after it, no duplicate key, at most {@value #MAX_BODY_CHARS} characters and {@value #MAX_DEPTH} levels deep, and
 * the envelope's two values must be strings.
 */
public final class Envelope {
    public static final String VERSION = "2.0";
    static final String VERSION_KEY = "oslo.version";
    static final String MESSAGE_KEY = "oslo.message";
    /** The largest body accepted: far above any message of the contract (tens of KiB), far below memory trouble. */
    public static final int MAX_BODY_CHARS = 1 << 20;
    /** The deepest nesting accepted (the contract's deepest argument is under 20 levels). */
    public static final int MAX_DEPTH = 100;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Envelope() {
    }

    /** The body for {@code message}, as kombu would put oslo's envelope on the wire. */
    public static String wrap(ObjectNode message) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put(VERSION_KEY, VERSION);
        envelope.put(MESSAGE_KEY, PythonJson.dumps(message));
        return PythonJson.dumps(envelope);
    }

    /** The message inside {@code body}. @throws MalformedMessage for non-JSON, non-objects, or envelope 3.x */
    public static ObjectNode unwrap(String body) {
        if (body == null) {
            throw new MalformedMessage("message body is required (got null)");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new MalformedMessage("message body is " + body.length() + " characters long, more than the "
                    + MAX_BODY_CHARS + " accepted");
        }
        JsonNode outer = parse(body, "message body");
        if (outer.has(VERSION_KEY) && outer.has(MESSAGE_KEY)) {
            if (!outer.get(VERSION_KEY).isTextual() || !outer.get(MESSAGE_KEY).isTextual()) {
                throw new MalformedMessage("envelope: oslo.version and oslo.message must be JSON strings");
            }
            String version = outer.get(VERSION_KEY).asText();
            if (!compatible(version)) {
                throw new MalformedMessage("envelope version " + SafeText.quote(version) + " is not supported "
                        + "(this side speaks " + VERSION + ")");
            }
            return (ObjectNode) parse(outer.get(MESSAGE_KEY).asText(), "oslo.message");
        }
        return (ObjectNode) outer;
    }

    /** oslo's {@code version_is_compatible}: same major, minor not above ours. */
    static boolean compatible(String version) {
        String[] theirs = version.split("\\.");
        String[] ours = VERSION.split("\\.");
        try {
            return theirs.length >= 1 && Integer.parseInt(theirs[0]) == Integer.parseInt(ours[0])
                    && (theirs.length < 2 || Integer.parseInt(theirs[1]) <= Integer.parseInt(ours[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static JsonNode parse(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new MalformedMessage(what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's text quotes the input: only the kind of fault is named
            throw new MalformedMessage(what + " is not one JSON object within " + MAX_DEPTH + " levels, without "
                    + "duplicate keys or trailing data (" + e.getClass().getSimpleName() + ")");
        }
    }
}
