package dev.novalibvirt.rpc.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.codec.PythonJson;

/**
 * oslo.messaging's message envelope 2.0 ({@code serialize_msg} / {@code deserialize_msg}): the AMQP body is
 * {@code {"oslo.version": "2.0", "oslo.message": "<the message as a JSON string>"}}. Unwrapping is as liberal as
 * oslo's: a JSON object without the two keys is taken as an unenveloped (1.0) message.
 */
public final class Envelope {
    public static final String VERSION = "2.0";
    static final String VERSION_KEY = "oslo.version";
    static final String MESSAGE_KEY = "oslo.message";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode outer = parse(body, "message body");
        if (outer.has(VERSION_KEY) && outer.has(MESSAGE_KEY)) {
            String version = outer.get(VERSION_KEY).asText();
            if (!compatible(version)) {
                throw new MalformedMessage("envelope version " + version + " is not supported (this side speaks "
                        + VERSION + ")");
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
            throw new MalformedMessage(what + " is not JSON");
        }
    }
}
